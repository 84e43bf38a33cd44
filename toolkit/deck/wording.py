"""Every fixed English string the deck's designed slides show or say (pictures, cards, alt text).

Each is marked `N_()` for the gettext catalogue and looked up with `_()` where it is used, in the
build's language (docs/wording.md). Text that lesson authors own (stories, steps, myths, names of
services) comes from the lesson data instead."""

from __future__ import annotations

from ..wording import N_

# --- stories drawn as a chat on a phone --------------------------------------------------------
MADE_UP_STORY = N_("A made-up story. The people in it are not real.")
UNKNOWN_ACCOUNT = N_("Unknown account")
TONE_CHANGES = N_("The tone changes")
CHAT_ALT_START = N_("Picture of a made-up chat on {owner}'s phone, with {other}.")
CHAT_ALT_SCREEN = N_("Picture of {owner}'s phone screen, on {platform}.")
CHAT_ALT_MESSAGE = N_("{sender} at {time}: \u201c{text}\u201d")
CHAT_ALT_NOTE = N_("Then: {text}")
CHAT_ALT_TURN = N_("Here the tone changes.")
CHAT_NOTES = N_("The picture shows the story as a chat on {owner}'s phone. Read the messages aloud, and stop at the point where the tone changes: ask what has changed.")
STORY_TEXT_TITLE = N_("What happened: {title}")

# --- designed slides: what to do, facts and myths ------------------------------------------------
STEPS_NAME = N_("What to do, step by step")
STEPS_ALT = N_("What to do, in {count} numbered steps:")
TAKE_CARE = N_("Careful (step {number}):")
CAUTION_ALT = N_("Careful, step {number}: {text}")
STEPS_IN_FULL = N_("What to do: each step")
MYTHS_NAME = N_("Facts and myths")
FACT = N_("Fact:")
MYTH = N_("Myth:")
MYTH_ALT = N_("Fact: {fact} It answers the myth: {myth}")
KEYWORDS_NAME = N_("Keyword cards")
KEYWORDS_ALT = N_("Keywords and what they mean:")
SIGNS_NAME = N_("Warning signs, each with a warning icon")
SIGNS_ALT = N_("Warning signs:")

# --- speaker notes: one timing line on every slide ------------------------------------------------
TIMING_ONE = N_("Timing: about {minutes} ({label}).")
TIMING_PART = N_("Timing: {label}, about {minutes} in all: slide {number} of {count}.")
TIMING_EXTRA = N_("Timing: extra slide {number} of {count} for {label}, not in this session's timings (about {minutes} if you teach it).")
TIMING_TITLE = N_("Timing: none; the plan's first step starts on the next slide.")
TIMING_UNPLANNED = N_("Timing: not in the plan's minutes; every deck ends on who can help.")
TIMING_DIVIDER = N_("Timing: none; the extra slides are not in this session's timings.")
SORT_TITLE = N_("{title}: sort them")
SORT_NAME = N_("Examples sorted into two boxes")
SORT_ALT = N_("Two boxes, with examples sorted into them.")
SORT_NOTES = N_("Before you talk about this slide, read each example aloud and ask the class which box it goes in. Then show where it belongs and ask why.")
GUIDE_NAME = N_("Friendly guide (decorative)")
HAND_NAME = N_("Helping hand to copy")
HAND_ALT = N_("A drawing of an open hand to copy. Each finger has a line to write the name of a trusted adult on. The palm says: {palm}")
QUIZ_NAME = N_("Question and its options")
ANSWER_NAME = N_("Answer: each option with its feedback")
TIMING_UNLISTED = N_("Timing: not in the lesson's timings (teacher_notes.timings).")
