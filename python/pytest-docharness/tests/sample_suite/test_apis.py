"""The sample suite on the Responses API (openai SDK) and the Messages API (anthropic SDK).

Recorded against the counting stand-in of `pytest_plugin_oracle.py`, which numbers the answers of
each API on its own ("answer n"): `test_claude` and `test_claude_again` send the same request and
each get their own recording.
"""

import pytest
from anthropic import Anthropic
from openai import OpenAI

CLAUDE = "claude-haiku-4-5"
PROMPT = [{"role": "user", "content": "Name a colour."}]


@pytest.mark.docharness
def test_claude():
    message = Anthropic().messages.create(model=CLAUDE, max_tokens=64, messages=PROMPT)
    assert message.content[0].text == "answer 1"
    assert message.usage.input_tokens == 12


@pytest.mark.docharness
def test_claude_again():
    message = Anthropic().messages.create(model=CLAUDE, max_tokens=64, messages=PROMPT)
    assert message.content[0].text == "answer 2"


@pytest.mark.docharness
def test_claude_streamed():
    with Anthropic().messages.stream(model=CLAUDE, max_tokens=64, messages=PROMPT) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == "answer 3"
    assert final.stop_reason == "end_turn"
    assert final.usage.output_tokens == 3


@pytest.mark.docharness
def test_responses():
    response = OpenAI().responses.create(model="gpt-4o-mini", input="Name a colour.")
    assert response.output_text == "answer 1"
    assert response.usage.input_tokens == 11


@pytest.mark.docharness
def test_responses_streamed():
    with OpenAI().responses.stream(model="gpt-4o-mini", input="Name a colour.", instructions="Answer in two words.") as stream:
        deltas = [event.delta for event in stream if event.type == "response.output_text.delta"]
        final = stream.get_final_response()
    assert "".join(deltas) == "answer 2"
    assert final.output_text == "answer 2"
    assert final.status == "completed"
