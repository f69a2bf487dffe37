-- Records are append-only (ADR 25): no statement may change or remove one. The hash chain finds a change made with the
-- trigger disabled (its owner can); this keeps a mistaken statement or a compromised application role from making one.
-- H2, the development and test database, has no equivalent without a Java trigger class; the chain still detects it.
create function audit_records_refuse_change() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_records is append-only: % refused', tg_op using errcode = 'restrict_violation';
end;
$$;

create trigger audit_records_append_only
    before update or delete on audit_records
    for each row execute function audit_records_refuse_change();

create trigger audit_records_no_truncate
    before truncate on audit_records
    for each statement execute function audit_records_refuse_change();
