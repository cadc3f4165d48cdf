"""A sample suite for pytest-docharness: the official openai SDK, unchanged, against per-test cassettes.

Recorded against a counting upstream (`pytest_plugin_oracle.py`), whose n-th answer is "answer n":
`test_first` and `test_second` send the same request and must each get their own recording, also
when only one of them runs.
"""

import pytest
from openai import OpenAI

PROMPT = [{"role": "user", "content": "Name a colour."}]


@pytest.mark.docharness
def test_first():
    answer = OpenAI().chat.completions.create(model="gpt-4o-mini", messages=PROMPT)
    assert answer.choices[0].message.content == "answer 1"


@pytest.mark.docharness
def test_second():
    answer = OpenAI().chat.completions.create(model="gpt-4o-mini", messages=PROMPT)
    assert answer.choices[0].message.content == "answer 2"


@pytest.mark.docharness
def test_streamed():
    chunks = OpenAI().chat.completions.create(model="gpt-4o-mini", messages=PROMPT, stream=True,
                                             stream_options={"include_usage": True})
    parts, usage = [], None
    for chunk in chunks:
        if chunk.choices and chunk.choices[0].delta.content:
            parts.append(chunk.choices[0].delta.content)
        usage = chunk.usage or usage
    assert "".join(parts) == "answer 3"
    assert usage.prompt_tokens == 11


@pytest.mark.docharness(cassette="shared/colour")
def test_named_cassette():
    answer = OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Another colour."}])
    assert answer.choices[0].message.content == "answer 4"


def test_fixture(docharness_cassette):
    assert docharness_cassette == "test_colours/test_fixture"
    answer = OpenAI().chat.completions.create(model="gpt-4o-mini", messages=PROMPT)
    assert answer.choices[0].message.content == "answer 5"


@pytest.mark.docharness
@pytest.mark.parametrize("colour", ["dark red", "a+b/c"])
def test_parametrized(colour):
    answer = OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": f"Is {colour} a colour?"}])
    assert answer.choices[0].message.content == {"dark red": "answer 6", "a+b/c": "answer 7"}[colour]
