"""compact payslips (ADR 0007): one row per payslip in `payslip_compact`, LIST-partitioned by month, its lines
as arrays of interned line texts and amounts, its inputs as interned parts plus the worker's own facts;
`payslip` and `payslip_line` become views with the columns they had. Existing rows are converted.

Revision ID: f2c8a4d61e57
Revises: b3f7d1e2a9c4
Create Date: 2026-12-07 09:00:00
"""
from alembic import op

revision = 'f2c8a4d61e57'
down_revision = 'b3f7d1e2a9c4'
branch_labels = None
depends_on = None

MONEY = "numeric(14,2)"
# The ids the conversion gives: the md5 of the content (the run's own ids are blake2b: a text interned twice under
# two ids is harmless, both rows say the same).
SQL_ID = "md5({})::uuid"

SHARED_TABLES = f"""
CREATE TABLE payslip_line_text (
    id uuid CONSTRAINT pk_payslip_line_text PRIMARY KEY,
    code varchar(64) NOT NULL, label_zh varchar(128) NOT NULL, label_en varchar(128) NOT NULL,
    kind varchar(32) NOT NULL, clause varchar(500), inputs jsonb);
CREATE TABLE payslip_line_set (
    id uuid CONSTRAINT pk_payslip_line_set PRIMARY KEY, texts uuid[] NOT NULL, amounts {MONEY}[] NOT NULL,
    CONSTRAINT ck_payslip_line_set_aligned CHECK (cardinality(texts) = cardinality(amounts)));
CREATE TABLE payslip_input_part (
    id uuid CONSTRAINT pk_payslip_input_part PRIMARY KEY, key text NOT NULL, body jsonb NOT NULL);
CREATE TABLE payslip_compact (
    run_id uuid NOT NULL, worker_id varchar(64) NOT NULL, month varchar(7) NOT NULL, kind varchar(16) NOT NULL,
    worker_name varchar(64) NOT NULL, community_code varchar(12) NOT NULL, township_code varchar(12) NOT NULL,
    county_code varchar(12) NOT NULL, post varchar(32), post_label varchar(64), grade_level smallint,
    gross {MONEY} NOT NULL, social_insurance {MONEY} NOT NULL, housing_fund {MONEY} NOT NULL,
    basic_deduction {MONEY} NOT NULL, tax {MONEY} NOT NULL, net {MONEY} NOT NULL, employer_cost {MONEY} NOT NULL,
    arrears {MONEY} NOT NULL DEFAULT 0,
    one_off_gross {MONEY}, tax_exempt {MONEY},
    funding jsonb NOT NULL, inputs_own jsonb NOT NULL, inputs_parts uuid[] NOT NULL,
    line_set uuid NOT NULL, line_arrears varchar(7)[],
    CONSTRAINT pk_payslip_compact PRIMARY KEY (run_id, worker_id, month),
    CONSTRAINT fk_payslip_compact_run_id_payroll_run FOREIGN KEY (run_id) REFERENCES payroll_run (id)
        ON DELETE CASCADE
) PARTITION BY LIST (month);
CREATE INDEX ix_payslip_compact_worker_month ON payslip_compact (worker_id, month);
CREATE INDEX ix_payslip_compact_run_township ON payslip_compact (run_id, township_code);
CREATE INDEX ix_payslip_compact_arrears ON payslip_compact (worker_id) WHERE line_arrears IS NOT NULL;
"""

# A month's partition, created when first needed (a run calls it before writing) and ahead by this migration.
# CREATE + ATTACH rather than CREATE … PARTITION OF: attaching locks the parent SHARE UPDATE EXCLUSIVE only, so
# runs writing other months and readers are not stopped.
PARTITION_FUNCTION = """
CREATE FUNCTION payslip_partition(for_month text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    name text := 'payslip_compact_' || replace(for_month, '-', '_');
BEGIN
    IF for_month !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN
        RAISE EXCEPTION 'not a month: %', for_month;
    END IF;
    IF to_regclass(name) IS NOT NULL THEN
        RETURN name;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('payslip_partition'), hashtext(for_month));
    IF to_regclass(name) IS NULL THEN
        EXECUTE format('CREATE TABLE %I (LIKE payslip_compact INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (month = %L)', name, name || '_month', for_month);
        EXECUTE format('ALTER TABLE payslip_compact ATTACH PARTITION %I FOR VALUES IN (%L)', name, for_month);
    END IF;
    RETURN name;
END $$;
"""

# The payslip's `inputs` as computed: the interned parts, a part the payslip also holds a difference from
# (the facts template) merged with that difference, and the payslip's own keys.
VIEWS = """
CREATE FUNCTION payslip_inputs(own jsonb, parts uuid[]) RETURNS jsonb LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT own || coalesce(jsonb_object_agg(p.key,
                               CASE WHEN jsonb_typeof(p.body) = 'object' AND jsonb_typeof(own -> p.key) = 'object'
                                    THEN p.body || (own -> p.key) ELSE p.body END), '{}'::jsonb)
    FROM payslip_input_part p WHERE p.id = ANY (parts)
$$@@
CREATE VIEW payslip AS
    SELECT run_id, worker_id, month, kind, worker_name, community_code, township_code, county_code, post, gross,
           social_insurance, housing_fund, basic_deduction, tax, net, employer_cost, arrears, funding,
           payslip_inputs(inputs_own, inputs_parts) AS inputs, post_label, grade_level
    FROM payslip_compact;
CREATE VIEW payslip_line AS
    SELECT p.run_id, p.worker_id, l.position::smallint AS position, t.code, t.label_zh, t.label_en,
           l.amount::numeric(14,2) AS amount, t.kind, t.clause, t.inputs,
           p.line_arrears[l.position::int] AS arrears_month
    FROM payslip_compact p JOIN payslip_line_set s ON s.id = p.line_set
    CROSS JOIN LATERAL unnest(s.texts, s.amounts) WITH ORDINALITY AS l(text_id, amount, position)
    JOIN payslip_line_text t ON t.id = l.text_id;
"""

LINE_ID = SQL_ID.format("jsonb_build_array('line', l.code, l.label_zh, l.label_en, l.kind, l.clause, l.inputs)::text")
PART_ID = SQL_ID.format("'part' || e.key || e.value::text")

# A payslip's lines as arrays, in order, and the sums the calculator reads.
LINES_OF_PAYSLIP = f"""
    SELECT array_agg({LINE_ID} ORDER BY l.position) AS texts, array_agg(l.amount ORDER BY l.position) AS amounts,
           CASE WHEN bool_or(l.arrears_month IS NOT NULL) THEN array_agg(l.arrears_month ORDER BY l.position) END
               AS arrears,
           sum(l.amount) FILTER (WHERE l.kind = 'earning' AND l.code LIKE 'one\\_off\\_%') AS one_off_gross,
           sum(l.amount) FILTER (WHERE l.kind = 'earning' AND l.code LIKE 'one\\_off\\_%'
                                 AND l.inputs ->> 'taxable' = 'false') AS tax_exempt
    FROM payslip_line_old l WHERE l.run_id = p.run_id AND l.worker_id = p.worker_id"""
SET_ID = SQL_ID.format("coalesce(l.texts, '{}')::text || coalesce(l.amounts, '{}')::text")

CONVERT = f"""
INSERT INTO payslip_input_part (id, key, body)
SELECT DISTINCT ON (id) id, key, body FROM (
    SELECT {PART_ID} AS id, e.key, e.value AS body FROM payslip_old p, jsonb_each(p.inputs) e WHERE e.key <> 'facts'
) s ON CONFLICT DO NOTHING;
INSERT INTO payslip_line_text (id, code, label_zh, label_en, kind, clause, inputs)
SELECT DISTINCT ON (id) * FROM (
    SELECT {LINE_ID} AS id, l.code, l.label_zh, l.label_en, l.kind, l.clause, l.inputs FROM payslip_line_old l
) s ON CONFLICT DO NOTHING;
INSERT INTO payslip_line_set (id, texts, amounts)
SELECT DISTINCT ON ({SET_ID}) {SET_ID}, coalesce(l.texts, '{{}}'), coalesce(l.amounts, '{{}}')
FROM payslip_old p LEFT JOIN LATERAL ({LINES_OF_PAYSLIP}) l ON true
ON CONFLICT DO NOTHING;
INSERT INTO payslip_compact
SELECT p.run_id, p.worker_id, p.month, p.kind, p.worker_name, p.community_code, p.township_code, p.county_code,
       p.post, p.post_label, p.grade_level, p.gross, p.social_insurance, p.housing_fund, p.basic_deduction, p.tax,
       p.net, p.employer_cost, p.arrears, l.one_off_gross, l.tax_exempt, p.funding,
       CASE WHEN p.inputs ? 'facts' THEN jsonb_build_object('facts', p.inputs -> 'facts') ELSE '{{}}' END,
       ARRAY(SELECT {PART_ID} FROM jsonb_each(p.inputs) e WHERE e.key <> 'facts'),
       {SET_ID}, l.arrears
FROM payslip_old p LEFT JOIN LATERAL ({LINES_OF_PAYSLIP}) l ON true;
"""

OLD_TABLES = f"""
CREATE TABLE payslip (
    run_id uuid NOT NULL, worker_id varchar(64) NOT NULL, month varchar(7) NOT NULL, kind varchar(16) NOT NULL,
    worker_name varchar(64) NOT NULL, community_code varchar(12) NOT NULL, township_code varchar(12) NOT NULL,
    county_code varchar(12) NOT NULL, post varchar(32), gross {MONEY} NOT NULL, social_insurance {MONEY} NOT NULL,
    housing_fund {MONEY} NOT NULL, basic_deduction {MONEY} NOT NULL, tax {MONEY} NOT NULL, net {MONEY} NOT NULL,
    employer_cost {MONEY} NOT NULL, arrears {MONEY} NOT NULL DEFAULT '0', funding jsonb NOT NULL,
    inputs jsonb NOT NULL, post_label varchar(64), grade_level smallint,
    CONSTRAINT pk_payslip PRIMARY KEY (run_id, worker_id),
    CONSTRAINT fk_payslip_run_id_payroll_run FOREIGN KEY (run_id) REFERENCES payroll_run (id) ON DELETE CASCADE);
CREATE INDEX ix_payslip_run_township ON payslip (run_id, township_code);
CREATE INDEX ix_payslip_worker_month ON payslip (worker_id, month);
CREATE TABLE payslip_line (
    run_id uuid NOT NULL, worker_id varchar(64) NOT NULL, position smallint NOT NULL, code varchar(64) NOT NULL,
    label_zh varchar(128) NOT NULL, label_en varchar(128) NOT NULL, amount {MONEY} NOT NULL,
    kind varchar(32) NOT NULL, clause varchar(500), inputs jsonb, arrears_month varchar(7),
    CONSTRAINT pk_payslip_line PRIMARY KEY (run_id, worker_id, position),
    CONSTRAINT fk_payslip_line_run_id_payslip FOREIGN KEY (run_id, worker_id)
        REFERENCES payslip (run_id, worker_id) ON DELETE CASCADE);
CREATE INDEX ix_payslip_line_arrears ON payslip_line (worker_id, arrears_month) WHERE arrears_month IS NOT NULL;
"""


def _execute(block: str) -> None:
    """Each statement of `block` on its own (the driver prepares one statement at a time); statements end with
    ';' at the end of a line, '@@' where a body holds semicolons of its own."""
    separator = "@@" if "@@" in block else ";\n"
    for statement in block.split(separator):
        if statement.strip():
            op.execute(statement)


def upgrade() -> None:
    _execute("ALTER TABLE payslip RENAME TO payslip_old;\nALTER TABLE payslip_line RENAME TO payslip_line_old")
    _execute(SHARED_TABLES)
    op.execute(PARTITION_FUNCTION)
    # This month and the next (China time) ahead, and every month that has payslips.
    op.execute("""SELECT payslip_partition(m) FROM (
                      SELECT DISTINCT month AS m FROM payslip_old
                      UNION SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')
                      UNION SELECT to_char((now() AT TIME ZONE 'Asia/Shanghai') + interval '1 month', 'YYYY-MM')
                  ) months""")
    _execute(CONVERT)
    _execute("DROP TABLE payslip_line_old;\nDROP TABLE payslip_old")
    _execute(VIEWS.replace(";\nCREATE VIEW", "@@\nCREATE VIEW"))


def downgrade() -> None:
    _execute("ALTER VIEW payslip RENAME TO payslip_old;\nALTER VIEW payslip_line RENAME TO payslip_line_old")
    _execute(OLD_TABLES)
    _execute("INSERT INTO payslip SELECT * FROM payslip_old;\nINSERT INTO payslip_line SELECT * FROM payslip_line_old")
    _execute("DROP VIEW payslip_line_old;\nDROP VIEW payslip_old;\nDROP FUNCTION payslip_inputs(jsonb, uuid[]);\n"
             "DROP TABLE payslip_compact;\nDROP FUNCTION payslip_partition(text);\n"
             "DROP TABLE payslip_line_text, payslip_line_set, payslip_input_part")
