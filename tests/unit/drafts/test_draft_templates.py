"""Templates: every default reads well for every demo application; errors never lose text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jobtracker.domain.demo import fill_with_sample_data
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.services import Services
from jobtracker.domain.templates import (
    DEFAULT_ORDER,
    SAMPLE_CONTEXT,
    TemplateLibrary,
    compile_source,
    parse_front_matter,
    render_compiled,
)

GOOD_OVERRIDE = """{# purpose: Mine; inputs: topics=Topics #}
Subject: My own thanks, {{ company }}

Hello {{ recipient.first_name }}, version one about {{ role }}.
"""


@pytest.fixture
def demo(services: Services) -> Services:
    fill_with_sample_data(services)
    services.profile.save("Alex Morgan", "alex.morgan@example.com", "+44 20 7946 0000")
    return services


def _filled_inputs(services: Services, key: str) -> dict[str, str]:
    return {i.name: f"the {i.name} I typed" for i in services.templates.info(key).inputs}


def test_the_defaults_are_the_eight_the_guides_call_for(services: Services) -> None:
    assert services.templates.template_keys() == list(DEFAULT_ORDER)
    for info in services.templates.all_info():
        assert info.purpose, info.key
        assert info.inputs, info.key
        assert all(i.label and i.name.isidentifier() for i in info.inputs)
        assert info.has_default and not info.overridden and info.problem is None


@pytest.mark.parametrize("key", DEFAULT_ORDER)
@pytest.mark.parametrize("filled", [False, True], ids=["inputs-empty", "inputs-filled"])
def test_every_default_renders_cleanly_for_every_demo_application(
    demo: Services, key: str, filled: bool
) -> None:
    cards = demo.board.cards(include_archived=True)
    assert len(cards) == 40
    inputs = _filled_inputs(demo, key) if filled else {}
    for card in cards:
        contact_id = demo.drafts.default_recipient(card.id, key)
        rendered = demo.drafts.prepare(card.id, key, contact_id, inputs)
        assert rendered.ok, (card.company, rendered.problem)
        text = f"{rendered.subject}\n{rendered.body}"
        where = f"{key} for {card.company}:\n{text}"
        assert rendered.subject, where
        assert "None" not in text, where
        assert "\n\n\n" not in rendered.body, where
        assert not re.search(r" [,.;:!?]|  |\(\)|\{|\}|—\s*$", text, re.MULTILINE), where
        assert card.company in text and card.role in text, where
        person = demo.contacts.get(contact_id) if contact_id else None
        greeting = rendered.body.splitlines()[0]
        assert greeting == f"Hi {person.first_name}," if person else "Dear Hiring Team,", where
        assert rendered.body.endswith("alex.morgan@example.com\n+44 20 7946 0000"), where
        for value in inputs.values():
            assert value.lower() in text.lower(), where


def test_without_a_contact_the_note_goes_to_the_hiring_team(demo: Services) -> None:
    card = demo.board.cards()[0]
    rendered = demo.drafts.prepare(card.id, "thank-you", None)
    assert rendered.body.startswith("Dear Hiring Team,\n\n")


def test_front_matter_gives_purpose_and_labelled_inputs() -> None:
    purpose, inputs = parse_front_matter(
        "{# purpose: Say  thanks; inputs: topics=Topics we discussed, point=The point #}\nHi"
    )
    assert purpose == "Say thanks"
    assert [(i.name, i.label) for i in inputs] == [
        ("topics", "Topics we discussed"),
        ("point", "The point"),
    ]
    assert parse_front_matter("no front matter") == ("", ())


def test_a_user_version_overrides_the_default_and_reset_restores_it(
    services: Services, db_path: Path
) -> None:
    library = services.templates
    assert library.save("thank-you", GOOD_OVERRIDE) is None
    assert (db_path.parent / "templates" / "thank-you.txt.j2").read_text() == GOOD_OVERRIDE
    rendered = library.render("thank-you", SAMPLE_CONTEXT)
    assert rendered.subject == "My own thanks, Northwind Analytics"
    assert library.info("thank-you").overridden
    library.reset("thank-you")
    assert library.render("thank-you", SAMPLE_CONTEXT).subject.startswith("Thank you — ")
    assert library.source("thank-you") == library.default_source("thank-you")


def test_a_syntax_error_is_reported_with_its_line_the_text_kept_and_the_last_good_used(
    services: Services,
) -> None:
    library = services.templates
    library.save("thank-you", GOOD_OVERRIDE)
    broken = GOOD_OVERRIDE + "\n{% if topics %}\nnever closed\n"
    problem = library.save("thank-you", broken)
    assert problem is not None
    assert problem.line == 7  # where the unclosed block runs out
    assert "syntax error" in problem.message and "endif" in problem.message
    assert library.source("thank-you") == broken  # the text is kept
    rendered = library.render("thank-you", SAMPLE_CONTEXT)
    assert rendered.fallback and rendered.problem == problem
    assert rendered.body == "Hello Jonas, version one about Data Engineer."
    # fixing it makes the fix the version in use and forgets the kept broken text
    assert library.save("thank-you", GOOD_OVERRIDE.replace("one", "two")) is None
    fixed = library.render("thank-you", SAMPLE_CONTEXT)
    assert fixed.body.endswith("version two about Data Engineer.") and fixed.ok
    assert library.pending_problem("thank-you") is None


def test_an_unknown_variable_is_named_with_its_line(services: Services) -> None:
    problem = services.templates.save("follow-up", "Subject: Hi\n\nWe said {{ salary_range }}.")
    assert problem is not None
    assert str(problem) == "Line 3: unknown variable 'salary_range'"
    rendered = services.templates.render("follow-up", SAMPLE_CONTEXT)
    assert rendered.subject.startswith("Following up")  # the shipped default still renders


def test_a_user_file_broken_by_hand_falls_back_to_the_default(
    services: Services, db_path: Path
) -> None:
    folder = db_path.parent / "templates"
    folder.mkdir()
    (folder / "check-in.txt.j2").write_text("Subject: x\n{{ role }")
    rendered = services.templates.render("check-in", SAMPLE_CONTEXT)
    assert rendered.subject.startswith("Checking in") and rendered.fallback
    assert "syntax error" in rendered.problem.message


#: the escape payloads of CVE-2024-56326 (indirect str.format), CVE-2025-27516 (|attr to
#: reach format), the older format / format_map ones, and the classic dunder walks
ESCAPES = {
    "str.format": '{{ "{0.__class__.__init__.__globals__}".format(company) }}',
    "format_map": '{{ "a{x.__class__}b".format_map({"x": 42}) }}',
    "indirect format (CVE-2024-56326)": (
        '{% set ns = namespace(run="{0.__call__.__builtins__[__import__]}".format) %}'
        "{{ ns.run(company) }}"
    ),
    "attr filter to format (CVE-2025-27516)": (
        '{{ "{0.__call__.__builtins__[__import__]}" | attr("format")(company) }}'
    ),
    "attr filter to __class__": "{{ company | attr('__class__') }}",
    "mro walk": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "subscript walk": "{{ ''['__class__']['__mro__'] }}",
    "init globals": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "function globals": "{{ lipsum.__globals__['os'] }}",
}


@pytest.mark.parametrize("payload", ESCAPES.values(), ids=ESCAPES.keys())
def test_sandbox_escape_payloads_render_as_security_errors(
    services: Services, payload: str
) -> None:
    source = f"Subject: hello\n\nline two\n{payload}\n"
    rendered = render_compiled(compile_source(source), SAMPLE_CONTEXT)
    assert rendered.problem is not None
    assert rendered.problem.line == 4
    assert "SecurityError" in rendered.problem.message
    assert "is unsafe" in rendered.problem.message
    # saved as a user template: refused as the version in use, the text kept
    problem = services.templates.save("thank-you", source)
    assert problem is not None and "SecurityError" in problem.message
    assert services.templates.source("thank-you") == source
    assert services.templates.render("thank-you", SAMPLE_CONTEXT).subject.startswith("Thank you")


def test_other_runtime_failures_become_messages_not_crashes() -> None:
    source = '{{ "{0} {1}".format(company) }}'
    rendered = render_compiled(compile_source(source), SAMPLE_CONTEXT)
    assert rendered.problem is not None
    assert "IndexError" in rendered.problem.message


@pytest.mark.parametrize("key", ["x{{7*7}}", "../evil", "Thank-You", "", "a" * 41, "{0.__class__}"])
def test_template_names_cannot_carry_code_or_paths(services: Services, key: str) -> None:
    """The malicious-filename escape (CVE-2024-56201) needs a name with code in it."""
    with pytest.raises(ValidationError, match="template name"):
        services.templates.save(key, "Subject: hi\n\nbody")


def test_badly_named_files_in_the_folder_are_ignored(services: Services, db_path: Path) -> None:
    folder = db_path.parent / "templates"
    folder.mkdir()
    (folder / "{{ evil }}.txt.j2").write_text("Subject: {{ role }}\n\nx")
    assert services.templates.template_keys() == list(DEFAULT_ORDER)


def test_a_custom_template_is_created_listed_and_deleted(services: Services) -> None:
    library = services.templates
    library.create("second-follow-up")
    assert library.template_keys()[-1] == "second-follow-up"
    info = library.info("second-follow-up")
    assert not info.has_default and info.overridden
    assert [i.name for i in info.inputs] == ["point"]
    rendered = library.render("second-follow-up", {**SAMPLE_CONTEXT, "point": "a short update"})
    assert (
        rendered.body
        == "Hi Jonas,\n\nA short update.\n\nBest regards,\n" + (SAMPLE_CONTEXT["me"]["signature"])
    )
    with pytest.raises(ValidationError, match="already exists"):
        library.create("second-follow-up")
    library.reset("second-follow-up")
    keys = library.template_keys()
    assert "second-follow-up" not in keys


def test_library_without_user_folder_lists_the_defaults(tmp_path: Path) -> None:
    assert TemplateLibrary(tmp_path / "missing").template_keys() == list(DEFAULT_ORDER)
