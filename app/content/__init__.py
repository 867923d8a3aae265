"""Content files (courses/, quizzes/) read, validated and synced into the database."""
