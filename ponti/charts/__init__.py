"""Pure chart builders (plotly Figures, pydeck Decks): ``common`` plus one module a view."""
