"""`lessonkit studio`: the whole job in a browser, on the teacher's own computer, nothing sent anywhere.

- `workspace`: the school's folder (profile, logo, built packs) and the one rule for paths inside it.
- `profile_form`: the profile form <-> the same answers `school init` writes, checked by `school check`.
- `jobs`: builds in the background (progress for the page) and the live quiz.
- `pack_view`: a built pack as the page shows it (files, HTML twins, slide thumbnails or outlines).
- `security`: the per-run secret, Host/Origin checks, CSRF tokens, body limits, headers.
- `app`: the routes; all wording is in `templates/`.
- `server`: start Uvicorn on loopback and open the browser.
"""
