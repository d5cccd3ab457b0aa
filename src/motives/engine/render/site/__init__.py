"""``motives site``: the panel as a static site of HTML pages that opens from disk (see ``files``)."""
