"""Views of the results: text, JSON, markdown, the HTML report, dot and mermaid graphs."""
