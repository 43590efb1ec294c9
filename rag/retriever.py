"""podium as a LangChain retriever, so it composes with any chain.

Each returned ``Document`` is one verbatim quote: ``page_content`` is the quote's text (a
slice of a stored official turn), ``id`` is ``"{turn_id}:{start}-{end}"`` and ``metadata``
carries the citation (speaker, briefing, date, url, turn id, offsets, the journalist
question it answers). An abstention returns no
documents.

    from rag.retriever import PodiumRetriever
    docs = PodiumRetriever().invoke("Does China back the Arab League on Libya?")
"""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from rag.answer import Podium
from rag.render import quote_to_dict


class PodiumRetriever(BaseRetriever):
    """Verbatim official quotes for a question, as LangChain documents."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    engine: Podium = Field(default_factory=Podium)
    top: int = 3
    speakers: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        answer = self.engine.ask(query, top=self.top, speakers=self.speakers,
                                 since=self.since, until=self.until)
        documents = []
        for quote in answer.quotes:
            data = quote_to_dict(quote)
            text = data.pop("text")
            b, q = data.pop("briefing"), data.pop("question")
            metadata = {**{k: v for k, v in data.items() if k != "scores"},
                        "briefing_id": b["id"], "title": b["title"], "date": b["date"],
                        "url": b["url"], "question": q["text"] if q else None,
                        "asked_by": q["speaker"] if q else None, **quote.scores}
            # a quote's id: its turn and offsets (a reply may be quoted twice, at [1] and [2])
            documents.append(Document(page_content=text, metadata=metadata,
                                      id=f"{quote.turn.id}:{quote.start}-{quote.end}"))
        return documents
