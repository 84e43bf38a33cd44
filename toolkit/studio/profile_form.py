"""The profile form: what the lead typed <-> the answers `lessonkit school init` writes.

Nothing here decides whether a profile is right: the form's values become the same commented YAML
`school init` writes (profiles.writer), and `lessonkit school check`'s own function
(profiles.checks.check_profile) judges it. Each finding is then shown beside the field it is about,
found by where the value sits in the YAML.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import yaml

from ..colours import WHITE, INK, accessible_on_white, contrast, parse_hex
from ..errors import Finding
from ..model.school import FALLBACK_LANGUAGE
from ..profiles.checks import ProfileCheck, check_profile, where as where_in_file
from ..profiles.nations import NATIONS, nation_id
from ..profiles.writer import ContactAnswers, ProfileAnswers, ServiceAnswers, profile_yaml, slugify
from ..wording import _
from ..yamlsource import Positions
from .workspace import Workspace

DEPUTIES = 3  # deputy rows the form shows; a lead with more adds them one save at a time
MAX_FIELD = 2000  # characters kept from any one field: more is not a name, phone or address
CONTACT = (("name", "name"), ("role", "role"), ("where", "where_to_find"), ("phone", "phone"), ("email", "email"))
POLICE = (("name", "name"), ("phone", "phone"))
SERVICES = (("name", "name"), ("phone", "phone"), ("ooh", "out_of_hours_phone"), ("email", "email"), ("url", "url"))
SIMPLE = (("name", ("name",)), ("school_id", ("id",)), ("nation", ("nation",)), ("logo_alt", ("logo_alt",)),
          ("primary", ("branding", "primary")), ("secondary", ("branding", "secondary")), ("website", ("website",)))
IN_LANGUAGES = ("role", "where")  # contact fields a profile may write per language ({en: ..., cy: ...})
KEPT = ("lesson_choices", "sign_off", "languages")  # what the form does not show, carried over from the saved profile
PENDING_LOGO = re.compile(r"\.studio-logo-[0-9a-f]{16}\.(?:png|jpg)")
SIGN_OFF_COMMENT = "# The safeguarding lead's review (recorded in lessonkit studio): lesson id and version reviewed."


def required_fields() -> List[str]:
    """What `school init` will not take blank: the school's name, the lead's name and where to find them."""
    return ["name", "lead_name", "lead_where"]


def given(text: str) -> bool:
    """Whether `school init` takes this answer to a required question (its own test)."""
    import click

    from ..profiles.guided import _required

    try:
        _required(text)
        return True
    except click.BadParameter:
        return False


def contact_prefixes() -> List[str]:
    return ["lead"] + [f"deputy{n}" for n in range(1, DEPUTIES + 1)]


def field_names() -> List[str]:
    names = [name for name, unused in SIMPLE] + ["fictional", "logo_pending", "logo_remove"]
    names += [f"{p}_{k}" for p in contact_prefixes() for k, unused in CONTACT]
    names += [f"police_{k}" for k, unused in POLICE] + [f"services_{k}" for k, unused in SERVICES]
    return names


@dataclass
class Shown:
    """One finding as the page shows it."""

    severity: str
    message: str
    hint: str = ""

    @classmethod
    def of(cls, finding: Finding) -> "Shown":
        return cls(finding.severity, finding.message, finding.hint)


@dataclass
class Checked:
    """The form's profile as `school check` sees it: findings by field, and those about no one field."""

    yaml_text: str
    check: Optional[ProfileCheck]
    by_field: Dict[str, List[Shown]] = field(default_factory=dict)
    general: List[Shown] = field(default_factory=list)

    @property
    def errors(self) -> bool:
        return any(s.severity == "error" for shown in [*self.by_field.values(), self.general] for s in shown)


@dataclass
class ProfileForm:
    """The values as typed (shown again as typed, whatever happens) plus studio-only problems by field."""

    values: Dict[str, str]
    problems: Dict[str, List[str]] = field(default_factory=dict)  # field -> codes the template words
    in_languages: Dict[str, Dict[str, str]] = field(default_factory=dict)
    """Fields the saved profile writes per language, with that text: the form edits one language
    (`edited_language`) and keeps the others as they are (see `answers`)."""

    @classmethod
    def from_request(cls, form: Mapping[str, Any]) -> "ProfileForm":
        values = {}
        for name in field_names():
            value = form.get(name)
            values[name] = value[:MAX_FIELD] if isinstance(value, str) else ""
        return cls(values)

    @classmethod
    def blank(cls) -> "ProfileForm":
        return cls({name: "" for name in field_names()})

    @classmethod
    def from_profile(cls, check: ProfileCheck) -> "ProfileForm":
        """The saved profile's values (as written in the file), for editing."""
        form = cls.blank()
        raw = check.loaded.raw if check.loaded else {}
        if not isinstance(raw, dict):
            return form
        def text(value: Any) -> str:
            if isinstance(value, dict) and value:  # written per language: the form edits one of them
                return str(value.get(edited_language(value)) or "")
            return "" if value is None or isinstance(value, (dict, list)) else str(value)

        for name, loc in SIMPLE:
            value: Any = raw
            for part in loc:
                value = value.get(part) if isinstance(value, dict) else None
            form.values[name] = text(value)
        form.values["fictional"] = "on" if raw.get("fictional") is True else ""
        for prefix, contact in zip(contact_prefixes(), _contacts_in_form_order(raw)):
            for short, key in CONTACT:
                form.values[f"{prefix}_{short}"] = text(contact.get(key))
        for prefix, key, keys in (("police", "local_police", POLICE), ("services", "childrens_services", SERVICES)):
            service = raw.get(key) if isinstance(raw.get(key), dict) else {}
            for short, name in keys:
                form.values[f"{prefix}_{short}"] = text(service.get(name))
        form.in_languages = written_in_languages(raw)
        return form

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def problem(self, name: str, code: str) -> None:
        self.problems.setdefault(name, []).append(code)

    # --- to the writer's answers -------------------------------------------------------------------

    def nation(self) -> Optional[str]:
        return nation_id(self.get("nation"))

    def school_id(self, saved_id: Optional[str]) -> str:
        """The id: the saved profile's (it names its file and pack), else from what was typed or the name."""
        return saved_id or slugify(self.get("school_id").strip() or self.get("name"))

    def answers(self, school_id: str, logo: str, saved_raw: Any = None) -> Tuple[ProfileAnswers, Dict[str, Tuple[Any, ...]]]:
        """The writer's answers, and where in the profile each field's value goes (for the findings).
        A field the saved profile (`saved_raw`) writes per language keeps its other languages: what
        was typed replaces only the language the form shows."""
        v: Dict[str, Any] = {k: value.strip() for k, value in self.values.items()}
        self.in_languages = written_in_languages(saved_raw)
        saved_people = dict(zip(contact_prefixes(), _contacts_in_form_order(saved_raw)))
        for name, texts in self.in_languages.items():
            prefix = name.split("_", 1)[0]
            person = saved_people.get(prefix)
            if person is not None and v.get(f"{prefix}_name", "") != str(person.get("name") or "").strip():
                continue  # another person in this row now: the saved person's other languages are not theirs
            if v.get(name):
                v[name] = {**texts, edited_language(texts): v[name]}
        where: Dict[str, Tuple[Any, ...]] = {name: loc for name, loc in SIMPLE}
        contacts = []
        for prefix in contact_prefixes():
            deputy = prefix != "lead"
            if deputy and not any(v.get(f"{prefix}_{short}") for short, unused in CONTACT):
                continue
            index = len(contacts)
            given = {key: v.get(f"{prefix}_{short}", "") for short, key in CONTACT}
            nation = NATIONS.get(self.nation() or "")
            if not given["role"] and nation is not None:  # the nation's usual title, as `school init` offers it
                given["role"] = nation.deputy_role if deputy else nation.lead_role
            contacts.append(ContactAnswers(**given, deputy=deputy))
            where.update({f"{prefix}_{short}": ("safeguarding_contacts", index, key) for short, key in CONTACT})
        services = {}
        saved = saved_raw if isinstance(saved_raw, dict) else {}
        for prefix, key, keys in (("police", "local_police", POLICE), ("services", "childrens_services", SERVICES)):
            given = {name: v.get(f"{prefix}_{short}", "") for short, name in keys}
            kept = saved.get(key) if isinstance(saved.get(key), dict) else {}
            # What the form does not show for this service (the police's web page and email, a note) is kept.
            hidden = {name: kept[name] for name in ("email", "url", "out_of_hours_phone", "notes")
                      if name not in given and isinstance(kept.get(name), (str, dict) if name == "notes" else str)}
            services[prefix] = ServiceAnswers(**given, **hidden) if any(given.values()) else None
            where.update({f"{prefix}_{short}": (key, name) for short, name in keys})
        website = v.get("website", "")
        if website and "://" not in website:
            website = "https://" + website  # 'www.school.org.uk', as most people write it (as `school init` takes it)
        answers = ProfileAnswers(
            id=school_id, name=v.get("name", ""), nation=self.nation() or "england", contacts=contacts,
            police=services["police"], childrens_services=services["services"], logo=logo,
            logo_alt=(v.get("logo_alt") or _("{school} logo", school=v.get("name", ""))) if logo else "",
            primary=_colour(v.get("primary", "")), secondary=_colour(v.get("secondary", "")) if v.get("primary") else "",
            website=website, fictional=v.get("fictional") == "on",
        )
        where["logo"] = ("logo",)
        where["logo_pending"] = ("logo",)
        return answers, where


def edited_language(texts: Mapping[str, Any]) -> str:
    """Which language of a field written per language the form shows and edits: English, else the first."""
    return FALLBACK_LANGUAGE if FALLBACK_LANGUAGE in texts else next(iter(texts))


def _contacts_in_form_order(raw: Any) -> List[Dict[str, Any]]:
    """The saved contacts as the form's rows list them: the lead, then the deputies."""
    if not isinstance(raw, dict):
        return []
    contacts = [c for c in raw.get("safeguarding_contacts") or [] if isinstance(c, dict)]
    leads = [c for c in contacts if not c.get("deputy")][:1] or contacts[:1]
    return leads + [c for c in contacts if c not in leads]


def written_in_languages(raw: Any) -> Dict[str, Dict[str, str]]:
    """The form's fields whose saved value is written per language ({en: ..., cy: ...}), with the texts."""
    if not isinstance(raw, dict):
        return {}
    found: Dict[str, Dict[str, str]] = {}

    def take(name: str, value: Any) -> None:
        if isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(t, str) for k, t in value.items()):
            found[name] = dict(value)

    for prefix, contact in zip(contact_prefixes(), _contacts_in_form_order(raw)):
        for short, key in CONTACT:
            if short in IN_LANGUAGES:
                take(f"{prefix}_{short}", contact.get(key))
    take("logo_alt", raw.get("logo_alt"))
    for prefix, key in (("police", "local_police"), ("services", "childrens_services")):
        service = raw.get(key)
        if isinstance(service, dict):
            take(f"{prefix}_name", service.get("name"))
    return found


def _colour(text: str) -> str:
    """'1d4e89' -> '#1D4E89' (as `school init` takes it); anything else as typed, for the check to judge."""
    return "#" + text.lstrip("#").upper() if re.fullmatch(r"#?[0-9A-Fa-f]{6}", text) else text


def profile_text(form: ProfileForm, answers: ProfileAnswers, shown_path: str, saved_raw: Optional[dict]) -> str:
    """The commented YAML `school init` writes, plus what the form does not show, kept from the saved file."""
    text = profile_yaml(answers, shown_path)
    raw = saved_raw if isinstance(saved_raw, dict) else {}
    extra = raw.get("extra_routes")
    if extra:
        text = text.replace("extra_routes: []\n", _dump({"extra_routes": extra}), 1)
    for key in KEPT:
        if raw.get(key):
            text = _replace_block(text, key, _dump({key: raw[key]}), SIGN_OFF_COMMENT if key == "sign_off" else "")
    return text


def _dump(value: dict) -> str:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, default_flow_style=False)


def _replace_block(text: str, key: str, block: str, comment: str = "") -> str:
    """`text` with its top-level `key:` block (and our comment before it) replaced by `block`, at the end."""
    out: List[str] = []
    skipping = False
    for line in text.splitlines():
        if line.startswith(f"{key}:"):
            skipping = True
            if comment and out and out[-1] == comment:
                out.pop()
            continue
        if skipping and (not line.strip() or line.startswith((" ", "\t", "-"))):
            continue  # the block's own lines: indented, or list items of a top-level list
        skipping = False
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + "\n\n" + (comment + "\n" if comment else "") + block


def with_sign_off(text: str, sign_off: dict) -> str:
    """A profile's text with its sign-off recorded (replacing any earlier one), the rest as it was."""
    return _replace_block(text, "sign_off", _dump({"sign_off": sign_off}), SIGN_OFF_COMMENT)


def check_text(workspace: Workspace, text: str) -> ProfileCheck:
    """`lessonkit school check` on this text, as a profile in the workspace's schools/ folder (so the logo
    is found as the saved file would find it). The scratch file is removed at once."""
    scratch = workspace.scratch_file(workspace.schools, ".yaml")
    workspace.write(scratch, text.encode("utf-8"))
    try:
        return check_profile(scratch)
    finally:
        scratch.unlink(missing_ok=True)


def placed(check: ProfileCheck, positions: Positions, where: Dict[str, Tuple[Any, ...]], fields_shown: List[str]) -> Checked:
    """Each finding beside the field whose value is on its line; the rest for the top of the form."""
    by_line: Dict[int, str] = {}
    for name in fields_shown:
        found = positions.values.get(tuple(where[name])) if name in where else None
        if found is not None:
            by_line.setdefault(found[0], name)
    result = Checked("", check)
    for finding in check.findings:
        name = by_line.get(finding.line) if finding.line is not None else None
        if name is not None:
            shown = Shown.of(finding)
            prefix = where_in_file(tuple(where[name])) + ": "
            if shown.message.startswith(prefix):  # beside its field, the key path only gets in the way
                shown.message = shown.message[len(prefix):]
            result.by_field.setdefault(name, []).append(shown)
        else:
            result.general.append(Shown.of(finding))
    return result


def colour_feedback(text: str, findings: List[Shown]) -> Optional[Dict[str, Any]]:
    """What the colour field shows beside it: the contrast with white and dark text, and, when the
    profile check finds it too light, the shade lessonkit will use instead (the check's own function)."""
    colour = _colour(text.strip())
    try:
        rgb = parse_hex(colour)
    except ValueError:
        return None
    suggestion, changed = accessible_on_white(colour)
    return {
        "colour": colour, "on_white": round(contrast(rgb, WHITE), 1), "on_ink": round(contrast(rgb, INK), 1),
        "ok": not any(s.severity in ("error", "warning") for s in findings),
        "suggestion": suggestion if changed else "",
    }


def logo_name(school_id: str, pending: str) -> str:
    """Where a checked upload goes when the profile is saved: beside it, named after the school."""
    return f"{school_id}-logo{Path(pending).suffix}"


def nations() -> List[Tuple[str, str]]:
    return [(n.id, n.name) for n in NATIONS.values()]


def is_pending_logo(workspace: Workspace, name: str) -> bool:
    return bool(PENDING_LOGO.fullmatch(name)) and (workspace.schools / name).is_file()


def replace_fields(check: Checked, extra: Dict[str, List[Shown]]) -> Checked:
    merged = dict(check.by_field)
    for name, shown in extra.items():
        merged[name] = merged.get(name, []) + shown
    return dataclasses.replace(check, by_field=merged)

