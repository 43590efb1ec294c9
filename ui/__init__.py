"""ui: the podium command line (ui.cli) and Gradio chat (ui.app), on top of rag."""
