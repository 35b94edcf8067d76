"""The app's pages as the browser tests visit them."""

PAGES = {  # url path -> (title, charts on the page)
    "": ("Resolution Explorer", 0),
    "verbs": ("Verbs", 2),
    "addressees": ("Addressees", 4),
    "funding": ("Funding", 3),
    "timeline": ("Timeline", 1),
    "explorer?q=extrabudgetary": ("Explorer", 0),
}
