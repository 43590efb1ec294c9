from langchain_core.runnables import RunnableLambda

from rag.answer import Podium
from rag.retriever import PodiumRetriever


def test_retriever_returns_verbatim_quotes_as_documents(tiny_index):
    engine = Podium(tiny_index)
    retriever = PodiumRetriever(engine=engine, top=2)
    docs = retriever.invoke("Does China support the Arab League on Libya?")
    assert docs, "expected at least one quote"
    doc = docs[0]
    turn = engine.reader.turn(doc.metadata["briefing_id"], doc.metadata["turn_index"])
    assert doc.page_content == turn.text[doc.metadata["start"]:doc.metadata["end"]]
    assert doc.metadata["speaker"] == "Zhao Lijian" and doc.metadata["asked_by"] == "CRI"
    assert doc.id == f"{doc.metadata['turn_id']}:{doc.metadata['start']}-{doc.metadata['end']}"
    # a reply quoted twice (its opening, then further on) gives two documents, two ids
    docs = retriever.invoke("Does China back the Arab League on Libya?")
    assert docs[0].metadata["turn_id"] == docs[1].metadata["turn_id"]
    assert docs[0].id != docs[1].id


def test_retriever_composes_and_abstains_with_no_documents(tiny_index):
    chain = PodiumRetriever(engine=Podium(tiny_index)) | RunnableLambda(len)
    assert chain.invoke("quantum chromodynamics lattice gauge") == 0
