"""Typed, immutable models of lessons, audiences, support routes and school profiles."""

from .audience import Audience, AudienceCatalogue, NationNames
from .common import NATIONS, Text, text_for
from .lesson import (
    PARTS, Activity, Beat, Character, HardQuestion, Keyword, Lesson, Match, Misconception, NamedActivity, Option, PreparedAnswer, Question,
    Quiz, ResponseStep, Scenario, Section, Session, Source, Step, Statistic, TeacherNotes, Timing, WarningSign,
)
from .nation import NATIONAL_PACK, Nation, NationCatalogue
from .routes import RouteCatalogue, SupportRoute
from .school import Branding, LocalService, SafeguardingContact, SchoolProfile

__all__ = [
    "PARTS", "Activity", "Audience", "Match", "NamedActivity", "PreparedAnswer", "Session", "Step", "AudienceCatalogue", "Beat", "Branding", "Character", "HardQuestion",
    "Keyword", "Lesson", "LocalService", "Misconception", "NATIONAL_PACK", "NATIONS", "Nation", "NationCatalogue", "NationNames", "Option",
    "Question", "Quiz", "ResponseStep", "RouteCatalogue", "SafeguardingContact", "Scenario",
    "SchoolProfile", "Section", "Source", "Statistic", "SupportRoute", "TeacherNotes", "Text",
    "Timing", "WarningSign", "text_for",
]
