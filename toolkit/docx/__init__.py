"""Word documents (DOCX) that are navigable and accessible: real heading and list styles, tables
with a marked header row, alt text on every picture, and the document's title and language set.

`WordDocument` writes them (python-docx underneath); `accessibility_problems` checks any DOCX
against Microsoft's accessibility rules by reading its XML, independently of the writer."""

from .accessibility import accessibility_problems
from .document import PLACEHOLDER_NOTE, Text, WordDocument

__all__ = ["PLACEHOLDER_NOTE", "Text", "WordDocument", "accessibility_problems"]
