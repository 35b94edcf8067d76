"""The app's pages as the browser tests visit them."""

PAGES = {  # url path -> (title, charts on the page: one per open tab)
    "": ("Overview", 0),
    "verbs": ("Verbs", 1),
    "addressees": ("Addressees", 1),
    "funding": ("Funding", 1),
    "timeline": ("Timeline", 1),
    "trends": ("Trends", 1),
    "reports": ("Reports due", 1),
    "upload": ("Add documents", 0),
    "explorer?q=extrabudgetary": ("Explorer", 0),
}
