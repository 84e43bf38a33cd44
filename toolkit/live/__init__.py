"""The live classroom quiz: a small web server on the teacher's laptop that pupils join anonymously.

`session` is the quiz as a state machine, `protocol` checks every message, `hub` runs the connections,
`app` serves the pages and websockets, `server` wires it to Uvicorn, and `cli` is `lessonkit quiz`.
"""
