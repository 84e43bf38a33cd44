"""The manifest of an IMS content package: imsmanifest.xml naming one QTI assessment."""

from __future__ import annotations

from lxml import etree

from ..wording import current_language
from .qti_items import XML_LANG

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
MD = "http://www.imsglobal.org/xsd/imsmd_v1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{CP} http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
                   f"{MD} http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd")
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def manifest(identifier: str, title: str, assessment_ident: str, assessment_file: str) -> bytes:
    root = etree.Element(f"{{{CP}}}manifest", nsmap={None: CP, "imsmd": MD, "xsi": XSI}, identifier=identifier)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    meta = etree.SubElement(root, f"{{{CP}}}metadata")
    etree.SubElement(meta, f"{{{CP}}}schema").text = "IMS Content"
    etree.SubElement(meta, f"{{{CP}}}schemaversion").text = "1.1.3"
    general = etree.SubElement(etree.SubElement(meta, f"{{{MD}}}lom"), f"{{{MD}}}general")
    language = current_language()
    named = etree.SubElement(etree.SubElement(general, f"{{{MD}}}title"), f"{{{MD}}}langstring")
    named.text = title
    named.set(XML_LANG, language)
    etree.SubElement(general, f"{{{MD}}}language").text = language  # LOM: the package's language
    etree.SubElement(root, f"{{{CP}}}organizations")
    resources = etree.SubElement(root, f"{{{CP}}}resources")
    resource = etree.SubElement(resources, f"{{{CP}}}resource", identifier=assessment_ident,
                                type="imsqti_xmlv1p2", href=assessment_file)
    etree.SubElement(resource, f"{{{CP}}}file", href=assessment_file)
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)
