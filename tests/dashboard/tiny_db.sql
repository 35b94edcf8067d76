-- A hand-built database following etl/schema.sql: two documents, three instruments, 11 paragraphs.
-- Small enough that every expected count in the tests can be checked by eye.

insert into documents (document_id, source_name, sha256, title, n_lines, encoding) values
    ('doc1', 'doc1.txt', 'sha-doc1', 'Report of the Commission (tiny)', 120, 'utf-8'),
    ('doc2', 'doc2.txt', 'sha-doc2', 'A second report (tiny)', 40, 'utf-8');

insert into instruments (instrument_id, document_id, ordinal, section, kind, status, label, title, acting_body, recommended_to, line_start, line_end) values
    ('doc1:i1', 'doc1', 1, 'A', 'resolution', 'draft', 'Draft resolution I', 'Follow-up to the Congress',
     'General Assembly', 'Economic and Social Council', 10, 40),
    ('doc1:i2', 'doc1', 2, 'D', 'resolution', 'adopted', 'Resolution 33/1', 'Countering trafficking',
     'Commission on Crime Prevention and Criminal Justice', null, 50, 90),
    ('doc2:i1', 'doc2', 1, null, 'decision', 'draft', 'Draft decision', 'Provisional agenda',
     'Economic and Social Council', null, 5, 20);

insert into verbs (verb, directive_level, level_label) values
    ('decide', 7, 'decide/authorize'), ('authorize', 7, 'decide/authorize'),
    ('request', 6, 'request'), ('urge', 5, 'urge'), ('call upon', 4, 'call upon'),
    ('encourage', 3, 'encourage'), ('invite', 2, 'invite'), ('recall', 1, 'note/welcome/other'),
    ('note', 1, 'note/welcome/other');

insert into paragraphs (paragraph_id, instrument_id, ordinal, kind, number, label, lead_phrase, verb, directive_level, text, line_start, line_end) values
    ('doc1:i1:p1', 'doc1:i1', 1, 'preambular', null, null, 'Recalling', 'recall', null,
     'Recalling its resolution 76/181 of 16 December 2021,', 12, 12),
    ('doc1:i1:p2', 'doc1:i1', 2, 'operative', 1, '1', 'Requests', 'request', 6,
     'Requests the Secretary-General to report, subject to the availability of extrabudgetary resources;', 14, 15),
    ('doc1:i1:p3', 'doc1:i1', 3, 'operative', 2, '2', 'Encourages', 'encourage', 3,
     'Encourages Member States to cooperate with the Office;', 16, 16),
    ('doc1:i1:p4', 'doc1:i1', 4, 'operative', 3, '3', 'Decides', 'decide', 7,
     'Decides to hold the Fifteenth Congress in Abu Dhabi from 25 to 30 April 2026;', 17, 17),
    ('doc1:i1:p5', 'doc1:i1', 5, 'operative', 4, '4', 'Also requests', 'request', 6,
     'Also requests the United Nations Office on Drugs and Crime to assist Member States;', 18, 19),
    ('doc1:i2:p1', 'doc1:i2', 1, 'preambular', null, null, 'Guided', 'note', null,
     'Guided by the purposes and principles of the Charter of the United Nations,', 52, 52),
    ('doc1:i2:p2', 'doc1:i2', 2, 'operative', 1, '1', 'Requests', 'request', 6,
     'Requests the United Nations Office on Drugs and Crime:', 54, 58),
    ('doc1:i2:p3', 'doc1:i2', 3, 'operative', 2, '2', 'Invites', 'invite', 2,
     'Invites Member States and other donors to provide extrabudgetary resources for these purposes;', 60, 61),
    ('doc1:i2:p4', 'doc1:i2', 4, 'operative', 3, '3', 'Further requests', 'request', 6,
     'Further requests the Secretary-General *to report* <b>bold</b> [link](http://example.com) $x$ :red[alert] from within existing resources;', 62, 63),
    ('doc2:i1:p1', 'doc2:i1', 1, 'operative', null, '(a)', 'Decides', 'decide', 7,
     'Decides to approve the provisional agenda;', 8, 8),
    ('doc2:i1:p2', 'doc2:i1', 2, 'operative', null, '(b)', 'Requests', 'request', 6,
     'Requests the Commission on Crime Prevention and Criminal Justice to consider the agenda;', 9, 9);

insert into subparagraphs (paragraph_id, letter, text, line_start, line_end) values
    ('doc1:i2:p2', 'a', 'To continue providing technical assistance;', 55, 56),
    ('doc1:i2:p2', 'b', 'To encourage the Inter-Agency Coordination Group;', 57, 58);

insert into addressees (paragraph_id, addressee, addressee_group, as_written, verb) values
    ('doc1:i1:p2', 'Secretary-General', 'UN Secretariat and UNODC', 'the Secretary-General', 'request'),
    ('doc1:i1:p3', 'Member States', 'Member States', 'Member States', 'encourage'),
    ('doc1:i1:p5', 'United Nations Office on Drugs and Crime', 'UN Secretariat and UNODC',
     'the United Nations Office on Drugs and Crime', 'request'),
    ('doc1:i2:p2', 'United Nations Office on Drugs and Crime', 'UN Secretariat and UNODC',
     'the United Nations Office on Drugs and Crime', 'request'),
    ('doc1:i2:p3', 'Member States', 'Member States', 'Member States', 'invite'),
    ('doc1:i2:p3', 'other donors', 'others', 'other donors', 'invite'),
    ('doc1:i2:p4', 'Secretary-General', 'UN Secretariat and UNODC', 'the Secretary-General', 'request'),
    ('doc2:i1:p2', 'Commission on Crime Prevention and Criminal Justice',
     'Commission and its expert groups', 'the Commission on Crime Prevention and Criminal Justice',
     'request');

insert into funding_conditions (paragraph_id, condition, phrase) values
    ('doc1:i1:p2', 'extrabudgetary', 'subject to the availability of extrabudgetary resources'),
    ('doc1:i2:p3', 'donor_invitation', 'Invites Member States and other donors to provide extrabudgetary resources'),
    ('doc1:i2:p4', 'regular_budget', 'from within existing resources');

insert into footnotes (footnote_id, document_id, marker, text, paragraph_id, line_start, line_end) values
    ('doc1:f1', 'doc1', '1', 'E/CN.15/2024/12.', 'doc1:i1:p1', 30, 30),
    ('doc1:f2', 'doc1', '2', 'Resolution 76/181, annex.', 'doc1:i2:p2', 92, 92);

insert into paragraph_footnotes (paragraph_id, footnote_id) values
    ('doc1:i1:p1', 'doc1:f1'), ('doc1:i2:p2', 'doc1:f2'), ('doc1:i2:p3', 'doc1:f2');

insert into citations (citation_id, paragraph_id, footnote_id, symbol, kind, as_written) values
    ('doc1:i1:p1:c1', 'doc1:i1:p1', null, 'A/RES/76/181', 'ga_resolution', 'resolution 76/181'),
    ('doc1:f1:c1', null, 'doc1:f1', 'E/CN.15/2024/12', 'document', 'E/CN.15/2024/12'),
    ('doc1:f2:c1', null, 'doc1:f2', 'A/RES/76/181', 'ga_resolution', 'Resolution 76/181');

insert into events (event_id, document_id, label, start_date, end_date, precision, location, paragraph_id, phrase, is_historical, relative_to, event_type) values
    ('doc1:i1:p4:e1', 'doc1', 'Fifteenth Congress', '2026-04-25', '2026-04-30', 'day', 'Abu Dhabi',
     'doc1:i1:p4', 'from 25 to 30 April 2026', false, null, 'congress'),
    ('doc1:i1:p4:e2', 'doc1', 'Pre-Congress consultations', '2026-04-24', '2026-04-24', 'day',
     'Abu Dhabi', 'doc1:i1:p4', 'on 24 April 2026', false, null, 'meeting'),
    ('doc1:i1:p2:e1', 'doc1', 'Regional preparatory meetings', '2025-01-01', '2025-12-31', 'year',
     null, 'doc1:i1:p2', 'as early as possible in 2025', false, null, 'meeting'),
    ('doc1:i1:p1:e1', 'doc1', 'Resolution 76/181', '2021-12-16', '2021-12-16', 'day', null,
     'doc1:i1:p1', '16 December 2021', true, null, 'adoption'),
    ('doc1:i1:p5:e1', 'doc1', 'Commission, thirty-fifth session', null, null, 'session', null,
     'doc1:i1:p5', 'at its thirty-fifth session', false, null, 'session'),
    ('doc2:i1:p2:e1', 'doc2', 'Report due', '2099-03-01', null, 'month', null,
     'doc2:i1:p2', 'March 2099', false, null, 'report_due');

insert into agenda_items (document_id, session, number, sub_item, title, line_start) values
    ('doc2', 'thirty-fourth session of the Commission', 1, null, 'Election of officers.', 10);

insert into parse_warnings (document_id, line, message) values ('doc1', 3, 'a line the parser could not place');
