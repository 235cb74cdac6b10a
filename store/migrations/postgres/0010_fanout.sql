-- Cross-instance live boards: every instance LISTENs on `samskap_events`. These
-- triggers NOTIFY it when a transaction commits (in commit order, never for a rolled
-- back one), with small payloads; each instance then reads the details once.
-- `application_name` names the instance that made the change, so it can skip its own.

-- "b <board> <seq> <microseconds since 1970> <instance>"
CREATE FUNCTION samskap_notify_board_event() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('samskap_events', 'b ' || NEW.board_id::text || ' ' || NEW.seq::text || ' '
        || floor(extract(epoch FROM clock_timestamp()) * 1000000)::bigint::text || ' '
        || current_setting('application_name'));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER board_events_notify AFTER INSERT ON board_events
    FOR EACH ROW EXECUTE FUNCTION samskap_notify_board_event();

-- "r <round> <instance>": a test round's feedback changed.
CREATE FUNCTION samskap_notify_feedback() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('samskap_events', 'r ' || COALESCE(NEW.round_id, OLD.round_id)::text || ' '
        || current_setting('application_name'));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER feedback_notify AFTER INSERT OR UPDATE OR DELETE ON feedback
    FOR EACH ROW EXECUTE FUNCTION samskap_notify_feedback();
