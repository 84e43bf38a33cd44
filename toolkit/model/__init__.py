"""Typed, immutable models of lessons, audiences, support routes and school profiles."""

from .audience import Audience, AudienceCatalogue, NationNames
from .common import NATIONS, Text, text_for
from .lesson import (
    Activity, Beat, Character, HardQuestion, Keyword, Lesson, Misconception, Option, Question,
    Quiz, ResponseStep, Scenario, Section, Source, Statistic, TeacherNotes, Timing, WarningSign,
)
from .routes import RouteCatalogue, SupportRoute
from .school import Branding, LocalService, SafeguardingContact, SchoolProfile

__all__ = [
    "Activity", "Audience", "AudienceCatalogue", "Beat", "Branding", "Character", "HardQuestion",
    "Keyword", "Lesson", "LocalService", "Misconception", "NATIONS", "NationNames", "Option",
    "Question", "Quiz", "ResponseStep", "RouteCatalogue", "SafeguardingContact", "Scenario",
    "SchoolProfile", "Section", "Source", "Statistic", "SupportRoute", "TeacherNotes", "Text",
    "Timing", "WarningSign", "text_for",
]
