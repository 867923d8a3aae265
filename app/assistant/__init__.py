"""FAQ assistant: answers staff questions from the FAQ files and the course modules, in Thai."""
