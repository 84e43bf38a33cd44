"""School profiles: guided setup, checks against the four UK nations' facts, and a pack per school.

- `nations`: what differs by nation (police defaults, the safeguarding role's usual name, routes).
- `phones`: UK phone numbers, short codes and Ofcom's drama ranges.
- `logo`: is the logo a real PNG or JPEG of a sensible size.
- `checks`: every rule a profile must meet, as findings with file:line:col.
- `preview`: every contact as each audience will see it.
- `writer`: a commented YAML profile from a safeguarding lead's answers.
- `guided`: the questions `school init` asks (CLI layer).
- `packs`: one pack (folder and zip) per school, built in parallel.
- `cli`: the `lessonkit school` commands.
"""
