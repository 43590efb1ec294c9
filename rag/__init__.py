"""rag: a question in, an Answer of verbatim, cited official quotes out.

Importing this package is cheap; the model and stores load on first use.
"""
