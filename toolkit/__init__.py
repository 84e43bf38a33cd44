"""lessonkit: lesson definitions in, slides, handouts and quizzes out."""
