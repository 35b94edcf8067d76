"""Resolution Explorer dashboard: queries, figures, filters and downloads used by the pages."""
