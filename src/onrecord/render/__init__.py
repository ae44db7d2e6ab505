"""Ways to show a document to people: terminal summary, Markdown, HTML."""
