"""Fixed wording of the letter home to parents and carers.

Written in our own words from the project's research notes (../shared/domain/facts.md): the
themes of the NCA's template letter to parents and carers (section 1, [S3][S4]), the NCA's 2025
campaign message "Stay calm. Don't pay" (section 8, [S140]), and UKCIS's rule never to copy an
image of a child (section 2, [S16]). No shock tactics, no blame: the child is never at fault."""

from __future__ import annotations

from typing import Tuple

from ..wording import N_

HOW_TAUGHT = (
    N_("The lesson uses made-up stories about fictional characters, never real cases, and nothing in it is "
    "graphic. It is taught without shock tactics or scare stories, and without blame: the message all "
    "the way through is that a young person who is targeted is never at fault. Pupils are told at the "
    "start what the lesson is about, and who they can talk to afterwards.")
)
QUIZ_ANONYMOUS = N_("Pupils answer the lesson's quizzes anonymously: nobody writes their name.")

AFFECTED_INTRO = (
    N_("If your child tells you that someone online is pressuring them for a nude or sexual picture, or "
    "threatening to share one, real or fake, unless they pay or send more:")
)

# (what to do, what it means), in the order a parent needs them.
AFFECTED_STEPS: Tuple[Tuple[str, str], ...] = (
    (N_("Stay calm and listen."),
     N_("Tell your child they have done the right thing by telling you. It is not their fault: offenders "
     "trick, groom and manipulate children, and a child is never to blame.")),
    (N_("Don't pay."),
     N_("Paying is no guarantee that it stops: once someone has shown they can pay, they are likely to be "
     "asked for more. If your child has already paid, don't panic, but pay nothing more.")),
    (N_("Keep the evidence, then block."),
     N_("Don't delete anything: leave the chat as it is. Before blocking, note the usernames and profile "
     "links, and screenshot the threats and any payment details. Never screenshot, save, forward or "
     "print a nude image of a child, even as evidence: that is illegal. Then stop replying and block "
     "the account.")),
    (N_("Report it."),
     N_("Call the police on 101, or 999 if your child is in immediate danger, or report online to CEOP's "
     "Safety Centre. Please tell the school too, so we can support your child.")),
    (N_("Get images taken down."),
     N_("Report Remove, from Childline and the Internet Watch Foundation, helps under-18s in the UK get a "
     "nude image of themselves removed. Take It Down helps with images taken when someone was under 18. "
     "You can also report the image to the app or site.")),
    (N_("Keep talking."),
     N_("Talk with your child openly and without judgement, check their privacy settings together, and "
     "remind them that they can always come to you, and that Childline is there for them too.")),
)

# For the families of the youngest pupils (under 11), whose lesson has no sexual content: the same
# advice without naming nude images, which a child may read over a parent's shoulder.
AFFECTED_INTRO_YOUNG = (
    N_("If your child tells you that someone online has made them feel worried, pressured or scared, asked "
    "them to keep a secret, or is threatening them:")
)
AFFECTED_STEPS_YOUNG: Tuple[Tuple[str, str], ...] = (
    AFFECTED_STEPS[0],
    (N_("Keep the evidence, then block."),
     N_("Don't delete anything: keep the messages and note the usernames. If a picture is involved, never "
     "copy, save or forward it yourself. Then help your child stop replying and block the account. "
     "Don't pay or send anything that is asked for.")),
    AFFECTED_STEPS[3],
    AFFECTED_STEPS[5],
)

SESSION_NOTE = N_("Optional: keep this section if the school holds a session for parents and carers, or delete it.")
SESSION_INVITATION = (
    N_("We are holding a session for parents and carers about keeping children safe from online "
    "blackmail. It covers what it is, how offenders approach children, signs to look out for, how to "
    "talk with your child without judgement, and where to get help. There are no images and no "
    "graphic detail, and every question is welcome.")
)

QUESTIONS = (
    N_("If you have any questions about the lesson, or would like to see the materials before it is "
    "taught, please get in touch.")
)
SIGN_OFF = N_("Yours sincerely,")
REVIEW_NOTE = N_("Note for the school, to delete before sending: ")

OPTIONAL_NOTE = (
    N_("Parts marked optional in the lesson. Choose them for your class when you build the pack "
    "(lessonkit build --include PART or --exclude PART, or lesson_choices in the school profile); a part "
    "left out is in the deck's extra slides, after the closing slide, and can be taught another time.")
)
