"""A story drawn as a chat on a phone screen, in native shapes a teacher can edit: a phone frame,
a header with the other person's made-up username and initial, message bubbles with times, what
happens told in words between them (never drawn), and a marker where the tone changes.

Pure planning (`plan_chat`: sizes and positions, from real font metrics) is separate from drawing
(`draw_chat`), so `lessonkit validate` can ask whether a story's chat fits its phone."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from pptx.enum.shapes import MSO_SHAPE

from ..adapt import ChatLine, Scenario
from ..colours import INK, RGB, WHITE
from .fit import WIDTH_SAFETY
from .metrics import count_lines, line_height_em, width_em
from .shapes import PAD_PT, Line, group, rule, shape, text_shape
from . import wording as w
from ..wording import _

UNKNOWN = "unknown"
PHONE_MAX_WIDTH_PT = 470.0  # about 6.5 inches: a phone drawn large enough to read from the back
BEZEL_PT = 9.0
HEADER_PT = 40.0
GAP_PT = 5.0
SLACK_PT = 14.0  # a one-line bubble is this much wider than its words, for renderers that round widths up
AVATAR_PT = 30.0
TIME_PT = 14
TURN_PT = 16
BUBBLE_SHARE = 0.86  # a bubble is at most this share of the screen's width
SIZES = (24, 22, 20)  # bubble text, largest first; never below 20 pt

FRAME: RGB = (34, 39, 46)
SCREEN: RGB = WHITE
HEADER: RGB = (236, 240, 244)
THEIRS: RGB = (233, 236, 239)
NOTE: RGB = (255, 244, 204)
TURN: RGB = (176, 0, 32)
TURN_FILL: RGB = (253, 231, 234)
TIME: RGB = (84, 84, 84)
AVATARS: Tuple[RGB, ...] = ((106, 27, 154), (0, 105, 92), (173, 20, 87), (78, 52, 46), (40, 53, 147))
STRANGER: RGB = (69, 90, 100)


def plain_name(name: str) -> str:
    """'"Mia"' -> 'Mia': a character whose name is in quotes (not who they say) still has a username."""
    return name.strip("\"'\u201c\u201d ")


def owner_of(scenario: Scenario) -> str:
    return plain_name(scenario.characters[0].name) if scenario.characters else ""


def display_name(sender: str) -> str:
    return _(w.UNKNOWN_ACCOUNT) if sender == UNKNOWN else sender


def other_party(scenario: Scenario) -> str:
    """The name in the chat's header: the first sender who is not the phone's owner."""
    owner = owner_of(scenario)
    return next((display_name(m.sender) for m in scenario.chat if m.sender and m.sender != owner), "")


def initial(sender: str) -> str:
    return "?" if sender == UNKNOWN else (plain_name(sender)[:1].upper() or "?")


def avatar_colour(sender: str) -> RGB:
    if sender == UNKNOWN:
        return STRANGER
    return AVATARS[zlib.crc32(sender.encode()) % len(AVATARS)]


# --- planning -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Placed:
    """One item on the screen: where it goes, in points from the screen's top left."""

    kind: str  # "mine", "theirs", "note" or "turn"
    message: Optional[ChatLine]
    left: float
    top: float
    width: float
    height: float  # the bubble or note (a message's time goes under it)


@dataclass(frozen=True)
class ChatPlan:
    size_pt: int
    phone: Tuple[float, float]  # width, height
    items: Tuple[Placed, ...]


def phone_size(box_w: float, box_h: float) -> Tuple[float, float]:
    return min(box_w, PHONE_MAX_WIDTH_PT), box_h


def _screen(phone: Tuple[float, float]) -> Tuple[float, float]:
    return phone[0] - 2 * BEZEL_PT, phone[1] - 2 * BEZEL_PT


def _lines(text: str, size: float, width: float) -> int:
    return count_lines([(text, False)], size, width * WIDTH_SAFETY - 2 * PAD_PT)


def _height(lines: int, size: float) -> float:
    return lines * line_height_em() * size + PAD_PT


def plan_chat(chat: Sequence[ChatLine], owner: str, box_w: float, box_h: float) -> Optional[ChatPlan]:
    """Where each message goes at the largest size at which the whole chat fits one phone in a
    box of `box_w` x `box_h` points; None if it does not fit even at the smallest."""
    phone = phone_size(box_w, box_h)
    screen_w, screen_h = _screen(phone)
    inner = screen_w - 2 * GAP_PT
    for size in SIZES:
        items: List[Placed] = []
        y = HEADER_PT + GAP_PT
        for message in chat:
            if message.turn:
                height = _height(1, TURN_PT)
                items.append(Placed("turn", None, GAP_PT, y, inner, height))
                y += height + GAP_PT
            if not message.sender:
                width = inner
                height = _height(_lines(message.text, size, width), size)
                items.append(Placed("note", message, GAP_PT, y, width, height))
                y += height + GAP_PT
                continue
            mine = message.sender == owner
            room = inner * BUBBLE_SHARE - (0 if mine else AVATAR_PT + GAP_PT)
            lines = _lines(message.text, size, room)
            width = room if lines > 1 else min(room, width_em(message.text) * size / WIDTH_SAFETY + 2 * PAD_PT + SLACK_PT)
            height = _height(lines, size)
            left = GAP_PT + inner - width if mine else GAP_PT + AVATAR_PT + GAP_PT
            items.append(Placed("mine" if mine else "theirs", message, left, y, width, height))
            y += height + GAP_PT
        if y <= screen_h:
            # A short chat gets a shorter phone (never below 70% of the box), centred in it.
            height = max(y + GAP_PT + 2 * BEZEL_PT, 0.7 * box_h)
            return ChatPlan(size, (phone[0], min(phone[1], height)), tuple(items))
    return None


def chat_problem(scenario: Scenario, box_w: float, box_h: float) -> Optional[str]:
    """Why the story's chat cannot be drawn on its phone, or None."""
    if not scenario.chat or plan_chat(scenario.chat, owner_of(scenario), box_w, box_h) is not None:
        return None
    return (f"the chat of story '{scenario.id}' does not fit on its phone picture, even at {SIZES[-1]} pt. "
            "Shorten its messages, or leave out a line; the story's beats still tell all of it")


# --- describing and drawing ----------------------------------------------------------------------

def alt_text(scenario: Scenario) -> str:
    """What the picture shows, in order, for someone who cannot see it: the story itself."""
    owner, other = owner_of(scenario), other_party(scenario)
    parts = [_(w.CHAT_ALT_START, owner=owner, other=other) if other
             else _(w.CHAT_ALT_SCREEN, owner=owner, platform=scenario.platform)]
    for message in scenario.chat:
        if message.turn:
            parts.append(_(w.CHAT_ALT_TURN))
        if message.sender:
            parts.append(_(w.CHAT_ALT_MESSAGE, sender=display_name(message.sender), time=message.time,
                                                   text=message.text))
        else:
            parts.append(_(w.CHAT_ALT_NOTE, text=message.text))
    return " ".join(parts)


def draw_chat(slide, scenario: Scenario, box: Tuple[float, float, float, float], brand: RGB):
    """The phone picture, centred in `box` (points), as one group described by its alt text."""
    left, top, box_w, box_h = box
    plan = plan_chat(scenario.chat, owner_of(scenario), box_w, box_h)
    if plan is None:
        from ..errors import LessonkitError

        raise LessonkitError(chat_problem(scenario, box_w, box_h) or "")
    phone_w, phone_h = plan.phone
    x0 = left + (box_w - phone_w) / 2
    top += (box_h - phone_h) / 2
    with group(slide, _("Phone picture: {title}", title=scenario.title), alt_text(scenario)) as picture:
        shapes = picture.shapes
        shape(shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (x0, top, phone_w, phone_h), FRAME, name=_("Phone"), radius=28)
        sx, sy = x0 + BEZEL_PT, top + BEZEL_PT
        screen_w, screen_h = _screen(plan.phone)
        shape(shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (sx, sy, screen_w, screen_h), SCREEN, name=_("Screen"), radius=18)
        shape(shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (sx, sy, screen_w, HEADER_PT), HEADER, name=_("Chat header"), radius=18)
        other = next((m.sender for m in scenario.chat if m.sender and m.sender != owner_of(scenario)), "")
        title = display_name(other) if other else scenario.platform[:1].upper() + scenario.platform[1:]
        name_x = sx + GAP_PT
        if other:
            _avatar(shapes, other, sx + GAP_PT, sy + (HEADER_PT - AVATAR_PT) / 2)
            name_x += AVATAR_PT + GAP_PT
        text_shape(shapes, MSO_SHAPE.RECTANGLE, (name_x, sy, sx + screen_w - name_x - GAP_PT, HEADER_PT), None,
                   [Line(title, 20, INK, bold=True)], name=_("Username"))
        time_h = line_height_em() * TIME_PT
        for item in plan.items:
            x, y = sx + item.left, sy + item.top
            if item.kind == "turn":
                middle = y + item.height / 2
                rule(shapes, x, middle, x + item.width, middle, TURN, 2.0, dashed=True)
                label_w = width_em(_(w.TONE_CHANGES), True) * TURN_PT / WIDTH_SAFETY + 2 * PAD_PT + 4
                text_shape(shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (x + (item.width - label_w) / 2, y, label_w, item.height),
                           TURN_FILL, [Line(_(w.TONE_CHANGES), TURN_PT, TURN, bold=True)], align="centre",
                           line=TURN, name=_("Tone changes"), radius=8)
                continue
            message = item.message
            if item.kind == "note":
                text_shape(shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (x, y, item.width, item.height), NOTE,
                           [Line(message.text, plan.size_pt, INK)], align="centre", name=_("What happens"), radius=8)
                continue
            mine = item.kind == "mine"
            fill, ink = (brand, WHITE) if mine else (THEIRS, INK)
            if not mine:
                _avatar(shapes, message.sender, sx + GAP_PT, y + item.height - AVATAR_PT)
            text_shape(shapes, MSO_SHAPE.ROUNDED_RECTANGLE, (x, y, item.width, item.height), fill,
                       [Line(message.text, plan.size_pt, ink)], name=_("Message from {sender}", sender=display_name(message.sender)),
                       radius=12, line=TURN if message.turn else None)
            # The time beside the bubble's foot, as chat apps show it.
            time_w = width_em(message.time) * TIME_PT / WIDTH_SAFETY + 6
            time_x = x - time_w - 2 if mine else x + item.width + 2
            text_shape(shapes, MSO_SHAPE.RECTANGLE, (time_x, y + item.height - time_h, time_w, time_h), None,
                       [Line(message.time, TIME_PT, TIME)], align="right" if mine else "left", name=_("Time"), pad_pt=2,
                       anchor="bottom")
    return picture


def _avatar(shapes, sender: str, x: float, y: float) -> None:
    text_shape(shapes, MSO_SHAPE.OVAL, (x, y, AVATAR_PT, AVATAR_PT), avatar_colour(sender),
               [Line(initial(sender), 14, WHITE, bold=True)], align="centre", name=_("Avatar: {sender}", sender=display_name(sender)),
               pad_pt=0)
