"""Every fixed English string the deck's designed slides show or say (pictures, cards, alt text).

One module, so the whole set can move to the gettext catalogue in one step. Text that lesson
authors own (stories, steps, myths, names of services) comes from the lesson data instead."""

from __future__ import annotations

# --- stories drawn as a chat on a phone --------------------------------------------------------
MADE_UP_STORY = "A made-up story. The people in it are not real."
UNKNOWN_ACCOUNT = "Unknown account"
TONE_CHANGES = "The tone changes"
CHAT_ALT_START = "Picture of a made-up chat on {owner}'s phone, with {other}."
CHAT_ALT_SCREEN = "Picture of {owner}'s phone screen, on {platform}."
CHAT_ALT_MESSAGE = "{sender} at {time}: \u201c{text}\u201d"
CHAT_ALT_NOTE = "Then: {text}"
CHAT_ALT_TURN = "Here the tone changes."
CHAT_NOTES = "The picture shows the story as a chat on {owner}'s phone. Read the messages aloud, and stop at the point where the tone changes: ask what has changed."
STORY_TEXT_TITLE = "What happened: {title}"

# --- designed slides: what to do, facts and myths ------------------------------------------------
STEPS_NAME = "What to do, step by step"
STEPS_ALT = "What to do, in {count} numbered steps:"
TAKE_CARE = "Take care (step {number}):"
CAUTION_ALT = "Take care, step {number}: {text}"
STEPS_IN_FULL = "What to do: each step"
MYTHS_NAME = "Facts and myths"
FACT = "Fact:"
MYTH = "Myth:"
MYTH_ALT = "Fact: {fact} It answers the myth: {myth}"
KEYWORDS_NAME = "Keyword cards"
KEYWORDS_ALT = "Keywords and what they mean:"
SIGNS_NAME = "Warning signs, each with a warning icon"
SIGNS_ALT = "Warning signs:"

# --- speaker notes: one timing line on every slide ------------------------------------------------
TIMING_ONE = "Timing: about {minutes} ({label})."
TIMING_PART = "Timing: {label}, about {minutes} in all: slide {number} of {count}."
TIMING_EXTRA = "Timing: extra slide {number} of {count} for {label}, not in this session's timings (about {minutes} if you teach it)."
TIMING_TITLE = "Timing: none; the plan's first step starts on the next slide."
TIMING_UNPLANNED = "Timing: not in the plan's minutes; every deck ends on who can help."
TIMING_DIVIDER = "Timing: none; the extra slides are not in this session's timings."
SORT_TITLE = "{title}: sort them"
SORT_NAME = "Examples sorted into two boxes"
SORT_ALT = "Two boxes, with examples sorted into them."
SORT_NOTES = "Before you talk about this slide, read each example aloud and ask the class which box it goes in. Then show where it belongs and ask why."
GUIDE_NAME = "Friendly guide (decorative)"
