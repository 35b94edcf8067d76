-- Resolution Explorer data contract. Other code relies on these names: extend, do not rename.
-- Every row carries the 1-based source lines it came from, directly or through its paragraph.

create table documents (
    document_id  varchar primary key,          -- stable: derived from the file's name
    source_name  varchar not null,             -- file name as given
    sha256       varchar not null unique,      -- of the raw bytes; the same report twice is refused
    title        varchar not null,             -- first heading of the report
    n_lines      integer not null check (n_lines >= 0),
    encoding     varchar not null,             -- 'utf-8' or 'cp1252' (decoded with a warning), 'pdf'
    -- what the document says of itself (masthead, head lines, closing lines); NULL when it does not say
    symbol            varchar,                 -- 'A/RES/80/225', 'A/C.3/80/L.19'
    doc_type          varchar check (doc_type in ('resolution', 'draft resolution', 'decision', 'draft decision', 'report')),
    issuing_body      varchar,                 -- 'General Assembly'
    session           integer,                 -- 80 for "Eightieth session"
    distribution_date date,                    -- the date under "Distr.: General"
    adopted_on        date,                    -- "Resolution adopted by the General Assembly on ..."
    committee         varchar,                 -- the Main Committee it comes from ('Third Committee'), or 'plenary'
    origin_report     varchar,                 -- the committee's report: 'A/80/545'
    origin_drafts     varchar,                 -- plenary drafts, comma-separated: 'A/80/L.20, A/80/L.20/Add.1'
    meeting           varchar,                 -- closing line: '69th plenary meeting', '50th (resumed) plenary meeting'
    meeting_date      date,
    agenda            varchar,                 -- as printed: '99 (dd)', '13 and 75 (a)'
    agenda_title      varchar,
    file_format       varchar not null default 'markdown' check (file_format in ('markdown', 'text', 'pdf')),
    pages             integer,                 -- of a PDF
    source_path       varchar                  -- where the ETL read the file (for the page view)
);
comment on table documents is 'One row per source file (a report or a single resolution).';

create table instruments (
    instrument_id  varchar primary key,        -- document_id + ':i' + ordinal
    document_id    varchar not null references documents (document_id),
    ordinal        integer not null check (ordinal >= 1),
    section        varchar,                    -- A, B, C, D as printed in the report, else NULL
    kind           varchar not null check (kind in ('resolution', 'decision')),
    status         varchar not null check (status in ('draft', 'adopted')),
    label          varchar not null,           -- as written: 'Draft resolution I', 'Resolution 33/1'
    title          varchar not null,
    acting_body    varchar,                    -- 'General Assembly', 'Economic and Social Council', ...
    recommended_to varchar,                    -- body the section recommends the draft to, else NULL
    line_start     integer not null,
    line_end       integer not null,
    unique (document_id, ordinal),
    check (line_start <= line_end)
);
comment on table instruments is 'Resolutions and decisions, draft or adopted, found in a document.';

create table paragraphs (
    paragraph_id    varchar primary key,       -- instrument_id + ':p' + ordinal
    instrument_id   varchar not null references instruments (instrument_id),
    ordinal         integer not null check (ordinal >= 1),
    kind            varchar not null check (kind in ('preambular', 'operative')),
    number          integer,                   -- printed number of a numbered operative paragraph
    label           varchar,                   -- printed number or letter: '5', '(a)'
    lead_phrase     varchar,                   -- as written: 'Also requests'
    verb            varchar,                   -- base verb for grouping: 'request', 'take note'
    directive_level integer check (directive_level in (7, 6, 5, 4, 3, 2, 1)),  -- see verbs; NULL if preambular
    text            varchar not null,          -- verbatim, markup and footnote markers removed
    line_start      integer not null,
    line_end        integer not null,
    part            varchar,                   -- the roman part of the text it sits in: 'II'
    page_start      integer,                   -- PDF only: the pages and the box on each page,
    page_end        integer,                   --   boxes as JSON [[page, x0, y0, x1, y1], ...] in points
    boxes           varchar,                   --   from the page's top-left corner
    unique (instrument_id, ordinal),
    check (line_start <= line_end),
    check (number is null or kind = 'operative')
);
comment on table paragraphs is 'Preambular and operative paragraphs in printed order.';
comment on column paragraphs.directive_level is
    'Analytical convention of this project (the UN defines no such order): 7 decide/authorize > 6 request > 5 urge > 4 call upon > 3 encourage > 2 invite > 1 note/welcome/other.';

create table subparagraphs (
    paragraph_id varchar not null references paragraphs (paragraph_id),
    letter       varchar not null,             -- 'a', 'b', ... without parentheses
    text         varchar not null,
    line_start   integer not null,
    line_end     integer not null,
    page_start   integer,
    page_end     integer,
    boxes        varchar,                      -- as paragraphs.boxes
    primary key (paragraph_id, letter)
);
comment on table subparagraphs is 'Lettered items (a), (b) belonging to a parent paragraph.';

-- The search index (etl/search.py): DuckDB's fts extension needs a download, this app runs offline.
-- No key or reference: DuckDB would keep an index over half a million rows that no query uses
-- (it tripled the build time); tests/etl_tests hold the rows to their paragraphs instead.
create table search_terms (
    paragraph_id varchar not null,             -- paragraphs.paragraph_id
    term         varchar not null,             -- folded: lower case, no accents, no hyphens
    tf           integer not null check (tf >= 1),
    length       integer not null check (length >= tf)  -- the paragraph's terms in all
);
comment on table search_terms is 'Each term of a paragraph and its sub-items, with how often it occurs (for ranked search).';

create table addressees (
    paragraph_id    varchar not null references paragraphs (paragraph_id),
    addressee       varchar not null,          -- canonical name: 'Member States'
    addressee_group varchar not null check (addressee_group in (
        'UN Secretariat and UNODC', 'Member States', 'Commission and its expert groups',
        'other UN entities', 'others')),
    as_written      varchar not null,          -- 'Member States that have not yet done so'
    verb            varchar not null,          -- base verb addressing the actor: 'request'
    primary key (paragraph_id, addressee)
);
comment on table addressees is 'Actors addressed by directive verbs in operative paragraphs, once per paragraph.';

create table funding_conditions (
    paragraph_id varchar not null references paragraphs (paragraph_id),
    condition    varchar not null check (condition in ('extrabudgetary', 'donor_invitation', 'regular_budget')),
    phrase       varchar not null,             -- verbatim wording
    primary key (paragraph_id, condition)
);
comment on table funding_conditions is 'Funding wording found in a paragraph, classified.';

create table report_requests (
    report_request_id varchar primary key,     -- paragraph_id + ':r' + ordinal
    paragraph_id      varchar not null references paragraphs (paragraph_id),
    letter            varchar,                 -- the lettered item it is asked in ('b'), else NULL
    reporter          varchar not null,        -- canonical, as addressees.addressee: 'Secretary-General'
    reporter_as_written varchar not null,      -- 'the Special Rapporteur on the human rights of migrants'
    submitted_to      varchar not null,        -- the receiving body, or the acting body when the text names none
    session           integer,                 -- as stated: 81 for "at its eighty-first session"
    session_body      varchar,                 -- whose session or year it is ('through the Commission ... at its thirty-fourth session')
    due_year          integer,                 -- stated, or from the session: the Assembly's n-th opens in 1945 + n
    periodicity       varchar check (periodicity in ('once', 'annual', 'biennial', 'triennial', 'periodic')),
    form              varchar check (form in ('written', 'oral', 'update', 'note')),
    subject           varchar,                 -- 'the implementation of the present resolution'
    within_existing_resources boolean not null,
    as_written        varchar not null,        -- the ask, verbatim
    line_start        integer not null,        -- of the paragraph, or of its lettered item
    line_end          integer not null,
    check (line_start <= line_end),
    check (session is null or session >= 1)
);
comment on table report_requests is 'Reports, briefings and updates the acting body asks for: one row per reporter, report and occasion (receiving body and session); NULL where the text does not say.';

create table footnotes (
    footnote_id  varchar primary key,          -- document_id + ':f' + marker
    document_id  varchar not null references documents (document_id),
    marker       varchar not null,             -- '12', or '*'
    text         varchar not null,
    paragraph_id varchar references paragraphs (paragraph_id),   -- first paragraph citing it
    instrument_id varchar references instruments (instrument_id), -- instrument citing it (also via a title)
    line_start   integer not null,
    line_end     integer not null,
    page_start   integer,
    page_end     integer,
    boxes        varchar,                      -- as paragraphs.boxes
    attachment   integer                       -- the annex or adopted text it belongs to (attached_texts.attachment), else NULL
);
comment on table footnotes is 'Footnotes, linked to the first paragraph whose text carries their marker.';

create table paragraph_footnotes (
    paragraph_id varchar not null references paragraphs (paragraph_id),
    footnote_id  varchar not null references footnotes (footnote_id),
    primary key (paragraph_id, footnote_id)
);
comment on table paragraph_footnotes is 'Every paragraph-to-footnote link (a footnote can be cited twice).';

create table citations (
    citation_id  varchar primary key,          -- paragraph or footnote id + ':c' + ordinal
    paragraph_id varchar references paragraphs (paragraph_id),
    footnote_id  varchar references footnotes (footnote_id),
    symbol       varchar not null,             -- normalized: 'A/RES/76/181', 'E/RES/1996/31', 'E/CN.15/2024/12'
    kind         varchar not null check (kind in (
        'ga_resolution', 'ecosoc_resolution', 'ecosoc_decision', 'commission_resolution',
        'commission_decision', 'resolution', 'decision', 'document')),
    as_written   varchar not null,
    check ((paragraph_id is null) <> (footnote_id is null))
);
comment on table citations is 'Resolutions, decisions and documents cited in paragraphs or footnotes.';

create table events (
    event_id      varchar primary key,         -- paragraph_id + ':e' + ordinal
    document_id   varchar not null references documents (document_id),
    label         varchar not null,
    start_date    date,
    end_date      date,
    precision     varchar not null check (precision in ('day', 'month', 'year', 'session', 'relative')),
    location      varchar,
    paragraph_id  varchar references paragraphs (paragraph_id),
    phrase        varchar not null,            -- verbatim date expression
    is_historical boolean not null,            -- date of a cited resolution or a past meeting
    relative_to   varchar,                     -- label of the event a 'relative' date hangs on
    event_type    varchar not null check (event_type in (
        'congress', 'meeting', 'session', 'report_due', 'budget', 'adoption', 'other')),
    check (start_date is null or end_date is null or start_date <= end_date)
);
comment on table events is 'Dates found in paragraphs: planned events and historical dates of cited texts.';

create table agenda_items (
    document_id varchar not null references documents (document_id),
    session     varchar not null,              -- as written: 'thirty-fourth session of the Commission ...'
    number      integer not null,
    sub_item    varchar,                       -- 'a', 'b' or NULL for the item itself
    title       varchar not null,
    line_start  integer not null,
    unique (document_id, session, number, sub_item)
);
comment on table agenda_items is 'Items of a provisional agenda printed in the report.';

create table sponsors (
    instrument_id varchar not null references instruments (instrument_id),
    ordinal       integer not null check (ordinal >= 1),
    sponsor       varchar not null,            -- as printed, footnote asterisks removed: 'Bosnia and Herzegovina'
    primary key (instrument_id, ordinal)
);
comment on table sponsors is 'The sponsors a draft names before ": draft resolution".';

create table attached_texts (
    attached_id   varchar primary key,         -- document_id + ':a' + attachment + ':' + ordinal
    document_id   varchar not null references documents (document_id),
    instrument_id varchar references instruments (instrument_id),
    attachment    integer not null check (attachment >= 1),  -- which annex or adopted text of the document
    kind          varchar not null check (kind in ('annex', 'embedded')),
    heading       varchar not null,            -- 'Annex', or the adopted text's first heading
    ordinal       integer not null check (ordinal >= 1),
    label         varchar,                     -- its own number or letter: '12', 'a'
    text          varchar not null,
    is_heading    boolean not null,
    line_start    integer not null,
    line_end      integer not null,
    page_start    integer,
    page_end      integer,
    boxes         varchar,
    unique (document_id, attachment, ordinal)
);
comment on table attached_texts is 'Annexes and texts an instrument adopts in its body, block by block: readable, but not its paragraphs.';

create table verbs (
    verb            varchar primary key,
    directive_level integer not null check (directive_level in (7, 6, 5, 4, 3, 2, 1)),
    level_label     varchar not null
);
comment on table verbs is 'Lexicon of base verbs with the directive level (an analytical convention, not a UN one).';

create table parse_warnings (
    document_id varchar not null references documents (document_id),
    line        integer,
    message     varchar not null
);
comment on table parse_warnings is 'What the parser could not place cleanly, per document.';

create table counterparts (
    old_instrument_id varchar not null references instruments (instrument_id),
    new_instrument_id varchar not null references instruments (instrument_id),
    relation          varchar not null check (relation in ('adopted_text', 'series')),
    confidence        double not null check (confidence between 0 and 1),
    title_similarity  double not null,        -- 0-1, of the normalized titles (word order ignored)
    text_similarity   double not null,        -- share of the shorter text's paragraphs found word for word in the other
    primary key (old_instrument_id, new_instrument_id),
    check (old_instrument_id <> new_instrument_id)
);
comment on table counterparts is 'Proposed pairs found from the texts: a draft and its adopted text (adopted_text), or the same resolution a session earlier (series); confidence = mean of the two similarities.';

-- The name the app gives each instrument, unique in the database: the document's symbol when the
-- document holds this one instrument ('A/RES/80/225'), the label alone when the database holds one
-- document ('Draft resolution I'), else the label and the document ('Draft resolution I (E/2024/30)').
create view instrument_names as
select
    i.instrument_id,
    i.document_id,
    i.ordinal,
    case when d.symbol is not null
              and (select count(*) from instruments x where x.document_id = i.document_id) = 1 then d.symbol
         when (select count(*) from documents) = 1 then i.label
         else i.label || ' (' || coalesce(d.symbol, d.source_name) || ')' end as instrument_name
from instruments i
join documents d using (document_id);

-- One row per paragraph with what the pages filter on; shaped for the dashboard. The load step
-- stores it as the table paragraph_facts once every row is in: the pages read it on every request.
-- The lists are grouped once per table and joined, not subqueries per paragraph: DuckDB runs a
-- correlated subquery by holding the whole outer side (every paragraph, with its text) in memory,
-- three times here (1.2 GB of the ETL's 1.6 GB peak at 5,000 documents).
create view paragraph_facts_view as
with funding as (
    select paragraph_id, list(distinct condition order by condition) as funding
    from funding_conditions
    group by paragraph_id
), addressed as (
    select paragraph_id,
           list(distinct addressee_group order by addressee_group) as addressee_groups,
           list(addressee order by addressee) as addressee_names
    from addressees
    group by paragraph_id
)
select
    p.paragraph_id,
    p.instrument_id,
    i.document_id,
    d.source_name,
    i.label        as instrument_label,
    n.instrument_name,
    i.title        as instrument_title,
    i.ordinal      as instrument_ordinal,
    i.acting_body,
    i.section,
    i.status,
    p.ordinal,
    p.kind,
    p.number,
    p.label,
    p.lead_phrase,
    p.verb,
    p.directive_level,
    p.text,
    p.line_start,
    p.line_end,
    d.symbol,
    d.title        as document_title,
    p.part,
    p.page_start,
    p.page_end,
    len(regexp_split_to_array(trim(p.text), '\s+'))::integer as words,  -- of the paragraph's own text
    coalesce(f.funding, []::varchar[]) as funding,
    coalesce(a.addressee_groups, []::varchar[]) as addressee_groups,
    coalesce(a.addressee_names, []::varchar[]) as addressee_names
from paragraphs p
join instruments i using (instrument_id)
join documents d using (document_id)
join instrument_names n using (instrument_id)
left join funding f using (paragraph_id)
left join addressed a using (paragraph_id);
