"""Audiences: the age bands and adult groups a lesson can be compiled for."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional

from pydantic import Field

from .common import Name, Slug, Strict


class NationNames(Strict):
    """What schools in each UK nation call this group."""

    england: Name
    wales: Name
    scotland: Name
    northern_ireland: Name = Field(alias="northern-ireland")

    def for_nation(self, nation: str) -> str:
        return getattr(self, nation.replace("-", "_"))


class Audience(Strict):
    """One audience: an age band of pupils, or an adult group (staff, parents and carers)."""

    id: Slug
    """Short id used everywhere else, e.g. `ks3`."""
    label: Name
    """Plain name, e.g. 'Key Stage 3 (ages 11-14)'."""
    kind: Literal["pupils", "staff", "parents"]
    """Who sits in the room."""
    min_age: Optional[int] = Field(default=None, ge=4, le=99)
    """Youngest age in the group; empty for adult groups."""
    max_age: Optional[int] = Field(default=None, ge=4, le=99)
    """Oldest age in the group; empty for adult groups."""
    names: NationNames
    """The group's name in each nation's terms (key stages, year groups, P and S stages)."""
    reading_grade_max: float = Field(ge=1, le=20)
    """Highest Flesch-Kincaid grade we aim for in text this audience reads."""
    adult_services_allowed: bool
    """Whether services only for over-18s (e.g. the Revenge Porn Helpline) may be shown."""
    min_body_pt: int = Field(default=24, ge=12, le=40)
    """Smallest body text size on slides for this audience."""

    @property
    def is_pupils(self) -> bool:
        return self.kind == "pupils"

    @property
    def sees_adult_services(self) -> bool:
        """The one adult-only rule: services only for over-18s reach an audience only if all of it is
        18 or over and the catalogue allows them. Never for pupils under 18."""
        return self.youngest >= 18 and self.adult_services_allowed

    @property
    def youngest(self) -> int:
        """The youngest person this audience's materials could reach (adults count as 18)."""
        return self.min_age if self.min_age is not None else 18


class AudienceCatalogue(Strict):
    """The file `lessons/audiences.yaml`."""

    audiences: List[Audience]

    def by_id(self) -> Dict[str, Audience]:
        return {a.id: a for a in self.audiences}
