"""``/api/intake``: a description becomes a spec through a short conversation."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from infranest.intake.planner import MAX_QUESTIONS, Question
from infranest.intake.session import Session, start
from infranest.server.deps import MAX_ID, CurrentUser, Db, project_access
from infranest.server.intake_store import Conversation, IntakeStore
from infranest.server.models import Role
from infranest.server.problems import ProblemError, diagnostic_error
from infranest.server.routers.versions import VersionOut, save_version, version_out
from infranest.server.specs import valid
from infranest.spec.formatter import format_spec

router = APIRouter(prefix="/api/intake", tags=["intake"])


class IntakeIn(BaseModel):
    text: str = Field(min_length=1, max_length=20_000, description="What the backend is for.")


class AnswerIn(BaseModel):
    question_id: str = Field(max_length=200)
    value: str = Field(max_length=2000)


class SaveIn(BaseModel):
    project_id: int = Field(ge=1, le=MAX_ID)
    message: str = Field(default="from intake", max_length=2000)


class QuestionOut(BaseModel):
    id: str
    text: str
    choices: list[str]
    default: str
    why: str
    free_text: bool


class Answered(BaseModel):
    question_id: str
    answer: str


class IntakeOut(BaseModel):
    id: str
    question: QuestionOut | None = Field(description="The next question; null when done.")
    answered: list[Answered]
    notes: list[str]
    spec: str = Field(description="The spec as it stands, in DSL form.")
    warnings: list[ProblemError]
    expected: int = Field(
        description="Questions this conversation is expected to take in all, answered ones "
        "included (it can change as answers arrive; at most the planner's limit)."
    )


def _question(q: Question) -> QuestionOut:
    return QuestionOut(
        id=q.id,
        text=q.text,
        choices=list(q.choices),
        default=q.default,
        why=q.why,
        free_text=q.free_text,
    )


def _expected(s: Session, answered: int, *, done: bool) -> int:
    """How many questions the conversation should take in all, as far as is known now."""
    if done:
        return answered
    return min(MAX_QUESTIONS, answered + len(s.open_questions()))


def _out(c: Conversation) -> IntakeOut:
    s = c.session
    question = s.next_question()
    spec = s.spec()
    answered = [
        Answered(question_id=a.question.id, answer=a.answer)
        for a in s.asked
        if a.answer is not None
    ]
    return IntakeOut(
        id=c.id,
        question=_question(question) if question is not None else None,
        answered=answered,
        notes=list(s.notes),
        spec=format_spec(spec),
        warnings=[diagnostic_error(d) for d in s.warnings],
        expected=_expected(s, len(answered), done=question is None),
    )


def _store(request: Request) -> IntakeStore:
    store: IntakeStore = request.app.state.intake
    return store


def _conversation(request: Request, user_id: int, conversation_id: str) -> Conversation:
    found = _store(request).get(user_id, conversation_id)
    if found is None:
        raise HTTPException(404, "no such conversation (it may have expired)")
    return found


@router.post("", status_code=201)
def start_intake(body: IntakeIn, request: Request, user: CurrentUser) -> IntakeOut:
    """Start a conversation from a description; the first question comes back."""
    conversation = _store(request).add(user.id, start(body.text))
    with conversation.lock:
        return _out(conversation)


@router.get("/{conversation_id}")
def get_intake(conversation_id: str, request: Request, user: CurrentUser) -> IntakeOut:
    conversation = _conversation(request, user.id, conversation_id)
    with conversation.lock:
        return _out(conversation)


@router.post("/{conversation_id}/answers")
def answer_intake(
    conversation_id: str, body: AnswerIn, request: Request, user: CurrentUser
) -> IntakeOut:
    """Answer a question (422 when the value is not one of its choices)."""
    conversation = _conversation(request, user.id, conversation_id)
    with conversation.lock:
        try:
            conversation.session.answer(body.question_id, body.value)
        except KeyError:
            raise HTTPException(422, f"no open question {body.question_id!r}") from None
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        return _out(conversation)


@router.post("/{conversation_id}/save", status_code=201)
def save_intake(
    conversation_id: str, body: SaveIn, request: Request, user: CurrentUser, db: Db
) -> VersionOut:
    """Save the conversation's spec as the next version of a project (editor)."""
    conversation = _conversation(request, user.id, conversation_id)
    project, _ = project_access(db, user, body.project_id, Role.editor)
    with conversation.lock:
        text = format_spec(conversation.session.spec())
    valid(text)
    return version_out(save_version(db, project, user, text, body.message))
