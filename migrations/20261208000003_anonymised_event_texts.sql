-- An anonymised client gets no free text back through its events' debriefs and run sheets
-- either, whatever writes it: as for its events, notes and follow-ups, the database refuses it
-- (the services refuse first, with the reason). The anonymisation empties the debriefs' texts
-- and deletes the run sheets before it marks the client; emptying a text stays allowed.
-- The trigger's arguments name the texts it guards.
create function refuse_text_of_anonymised_event() returns trigger
language plpgsql as $$
declare
  v_new jsonb := to_jsonb(new);
  v_old jsonb := case when tg_op = 'UPDATE' then to_jsonb(old) end;
  v_column text;
begin
  foreach v_column in array tg_argv loop
    if coalesce(v_new->>v_column, '') <> '' and v_new->>v_column is distinct from v_old->>v_column
       and exists (select 1 from event e where e.id = new.event_id and e.client_anonymised) then
      raise exception 'the client of event % is anonymised', new.event_id
        using errcode = 'check_violation', constraint = tg_table_name || '_client_anonymised_check';
    end if;
  end loop;
  return new;
end $$;

create trigger event_debrief_refuse_anonymised_client before insert or update of went_well, went_badly
  on event_debrief for each row execute function refuse_text_of_anonymised_event('went_well', 'went_badly');
create trigger run_sheet_refuse_anonymised_client
  before insert or update of access_notes, onsite_contact_name, onsite_contact_phone on run_sheet
  for each row execute function refuse_text_of_anonymised_event('access_notes', 'onsite_contact_name', 'onsite_contact_phone');
create trigger run_sheet_item_refuse_anonymised_client before insert or update of label, details on run_sheet_item
  for each row execute function refuse_text_of_anonymised_event('label', 'details');
