"""The data contract as SQL that must return no rows."""

# Hold on any input the ETL accepts, however mangled.
STRUCTURAL = {
    "duplicate paragraph ids": "select paragraph_id from paragraphs group by 1 having count(*) > 1",
    "duplicate instrument ids": "select instrument_id from instruments group by 1 having count(*) > 1",
    "duplicate event ids": "select event_id from events group by 1 having count(*) > 1",
    "duplicate citation ids": "select citation_id from citations group by 1 having count(*) > 1",
    "orphan paragraphs": "select paragraph_id from paragraphs where instrument_id not in (select instrument_id from instruments)",
    "orphan instruments": "select instrument_id from instruments where document_id not in (select document_id from documents)",
    "orphan search terms": "select paragraph_id from search_terms where paragraph_id not in (select paragraph_id from paragraphs)",
    "duplicate search terms": "select paragraph_id, term from search_terms group by all having count(*) > 1",
    "search length not the sum of its terms": """
        select paragraph_id from search_terms group by paragraph_id
        having sum(tf) <> any_value(length) or min(length) <> max(length)""",
    "paragraph with words missing from the index": """
        select paragraph_id from paragraphs
        where regexp_matches(lower(text), '[a-z0-9]')
          and paragraph_id not in (select paragraph_id from search_terms)""",
    "paragraph_facts not one row per paragraph": """
        select paragraph_id from paragraphs where paragraph_id not in (select paragraph_id from paragraph_facts)
        union all
        select paragraph_id from paragraph_facts group by 1 having count(*) > 1""",
    "orphan subparagraphs": "select paragraph_id from subparagraphs where paragraph_id not in (select paragraph_id from paragraphs)",
    "orphan addressees": "select paragraph_id from addressees where paragraph_id not in (select paragraph_id from paragraphs)",
    "orphan funding": "select paragraph_id from funding_conditions where paragraph_id not in (select paragraph_id from paragraphs)",
    "orphan events": "select event_id from events where paragraph_id is not null and paragraph_id not in (select paragraph_id from paragraphs)",
    "orphan footnote links": """select footnote_id from paragraph_footnotes
                                where footnote_id not in (select footnote_id from footnotes)""",
    "numbered preambular paragraph": "select paragraph_id from paragraphs where kind = 'preambular' and number is not null",
    "operative paragraph without level": "select paragraph_id from paragraphs where kind = 'operative' and directive_level is null",
    "verb missing from the verbs table": "select verb from paragraphs where verb is not null and verb not in (select verb from verbs)",
    "paragraph outside its instrument's lines": """
        select p.paragraph_id from paragraphs p join instruments i using (instrument_id)
        where p.line_start < i.line_start or p.line_end > i.line_end""",
    "line beyond the document": """
        select p.paragraph_id from paragraphs p join instruments i using (instrument_id) join documents d using (document_id)
        where p.line_end > d.n_lines or p.line_start < 1""",
    "event with neither date nor anchor": """select event_id from events
                                             where start_date is null and relative_to is null and precision <> 'session'""",
    "markup left in text": r"""select paragraph_id from paragraphs where text like '%<sup>%' or text like '%**%'
                               or regexp_matches(text, '\[[^\]]*\]\([^)]*\)')""",
    "PDF unit without its page": """
        select p.paragraph_id from paragraphs p join instruments i using (instrument_id) join documents d using (document_id)
        where d.file_format = 'pdf' and (p.page_start is null or p.boxes is null or p.page_end < p.page_start)
        union all
        select f.footnote_id from footnotes f join documents d using (document_id)
        where d.file_format = 'pdf' and (f.page_start is null or f.boxes is null)""",
    "text unit with a page": """
        select p.paragraph_id from paragraphs p join instruments i using (instrument_id) join documents d using (document_id)
        where d.file_format <> 'pdf' and (p.page_start is not null or p.boxes is not null)""",
    "page beyond the document": """
        select p.paragraph_id from paragraphs p join instruments i using (instrument_id) join documents d using (document_id)
        where p.page_end > d.pages""",
    "orphan sponsors": "select instrument_id from sponsors where instrument_id not in (select instrument_id from instruments)",
    "sponsors of an adopted text": """select s.instrument_id from sponsors s join instruments i using (instrument_id)
                                      where i.status <> 'draft'""",
    "addressee group outside the list": """select addressee_group from addressees where addressee_group not in
        ('UN Secretariat and UNODC', 'Member States', 'Commission and its expert groups', 'other UN entities', 'others')""",
}

# Hold on a well-formed report (the seed, the samples): numbering and footnotes are complete.
WELL_FORMED = {
    "operative numbers not 1..n": """
        select instrument_id from paragraphs where number is not null group by instrument_id
        having min(number) <> 1 or max(number) <> count(*) or count(distinct number) <> count(*)""",
    "operative paragraph without verb": "select paragraph_id from paragraphs where kind = 'operative' and verb is null",
    "footnote cited nowhere": "select footnote_id from footnotes where paragraph_id is null and instrument_id is null",
    "unresolved footnote marker": "select * from parse_warnings where message like 'footnote marker%'",
}

VIOLATIONS = {**STRUCTURAL, **WELL_FORMED}
