import { useState } from 'react';
import type { ProductUse, Skill } from '../../../src-shared/entities';
import { useStaff, useWritesLocked } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { describedBy, FieldError, useAct } from './common';
import { moneyInput, parseMoney } from './money';
import type { ServiceView } from './rows';
import { createService, setProducts, setSkills, updateService, type ServiceFields } from './scheduleCommands';
import { ProductLines } from '../stock/ProductLines';
import { useT } from '../../i18n';
import { SubmitForm } from '../../components/SubmitForm';
import { FormFooter } from '../../components/FormFooter';
import { useFormTemplates } from '../../api/forms';
import { CheckField } from '../../components/CheckField';
import { TextField } from '../../components/TextField';

const fieldsOf = (service: ServiceView | null): ServiceFields => ({
  name: service?.name ?? '',
  category: service?.category ?? null,
  colour: service?.colour ?? null,
  durationMin: service?.durationMin ?? 30,
  bufferBeforeMin: service?.bufferBeforeMin ?? 0,
  bufferAfterMin: service?.bufferAfterMin ?? 0,
  priceCents: service?.priceCents ?? null,
  needsPatchTest: service?.needsPatchTest ?? false,
  formTemplateIds: service?.formTemplateIds ?? [],
});

/** A number typed into a field; '' or junk is NaN, which the server names as not a whole number. */
const whole = (typed: string) => (typed.trim() === '' ? Number.NaN : Number(typed));

interface SkillDraft {
  on: boolean;
  durationMin: string;
  price: string;
}

const sameSkills = (a: Skill[] | null, b: Skill[] | null) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Add or edit a service: its details, and who does it (everyone, or the people ticked, each with
 * their own duration or price when it differs).
 */
export function ServiceDialog(props: { service: ServiceView | null; onClose: () => void }) {
  const { t } = useT('settings');
  const { service } = props;
  const staff = (useStaff().data ?? []).filter((member) => member.active || service?.performedBy?.some((skill) => skill.staffId === member.id));
  const locked = useWritesLocked();
  const { act, notice, errorAt } = useAct(['name', 'category', 'colour', 'durationMin', 'bufferBeforeMin', 'bufferAfterMin', 'priceCents', 'performedBy', 'formTemplateIds']);
  const start = fieldsOf(service);
  const [name, setName] = useState(start.name);
  const [category, setCategory] = useState(start.category ?? '');
  const [hasColour, setHasColour] = useState(start.colour !== null);
  const [colour, setColour] = useState(start.colour ?? '#6b8fb3');
  const [duration, setDuration] = useState(String(start.durationMin));
  const [before, setBefore] = useState(String(start.bufferBeforeMin));
  const [after, setAfter] = useState(String(start.bufferAfterMin));
  const [price, setPrice] = useState(moneyInput(start.priceCents));
  const [priceProblem, setPriceProblem] = useState<string | null>(null);
  const [needsPatchTest, setNeedsPatchTest] = useState(start.needsPatchTest);
  const [formIds, setFormIds] = useState(start.formTemplateIds);
  const forms = (useFormTemplates().data ?? []).filter((form) => !form.archived || start.formTemplateIds.includes(form.id));
  const { t: tForms } = useT('forms');
  const [everyone, setEveryone] = useState(service?.performedBy == null);
  const [skills, setSkillDrafts] = useState<Record<string, SkillDraft>>(() =>
    Object.fromEntries(
      staff.map((member) => {
        const skill = service?.performedBy?.find((item) => item.staffId === member.id);
        return [member.id, { on: skill !== undefined, durationMin: skill?.durationMin == null ? '' : String(skill.durationMin), price: moneyInput(skill?.priceCents ?? null) }];
      }),
    ),
  );
  const [skillProblem, setSkillProblem] = useState<string | null>(null);
  const { t: stockWords } = useT('stock');
  const [uses, setUses] = useState<ProductUse[]>(service?.products ?? []);
  const usesChanged = JSON.stringify(uses) !== JSON.stringify(service?.products ?? []);
  const [busy, setBusy] = useState(false);

  const title = service === null ? t('addAService') : t('edit2', { name: service.name });

  const performedBy = (): Skill[] | null | 'bad' => {
    if (everyone) return null;
    const chosen: Skill[] = [];
    for (const member of staff) {
      const draft = skills[member.id];
      if (!draft?.on) continue;
      const ownPrice = parseMoney(draft.price);
      if (ownPrice === null) {
        setSkillProblem(t('sPriceMustBeAn', { name: member.name, example: moneyInput(3850) }));
        return 'bad';
      }
      chosen.push({ staffId: member.id, durationMin: draft.durationMin.trim() === '' ? null : whole(draft.durationMin), priceCents: ownPrice.cents });
    }
    if (chosen.length === 0) {
      setSkillProblem(t('tickAtLeastOnePerson'));
      return 'bad';
    }
    return chosen;
  };

  const save = async () => {
    setPriceProblem(null);
    setSkillProblem(null);
    const parsedPrice = parseMoney(price);
    if (parsedPrice === null) {
      setPriceProblem(t('priceMustBeAnAmount', { example: moneyInput(3850) }));
      return;
    }
    const who = performedBy();
    if (who === 'bad') return;
    const next: ServiceFields = {
      name: name.trim(),
      category: category.trim() === '' ? null : category.trim(),
      colour: hasColour ? colour : null,
      durationMin: whole(duration),
      bufferBeforeMin: whole(before),
      bufferAfterMin: whole(after),
      priceCents: parsedPrice.cents,
      needsPatchTest,
      formTemplateIds: formIds,
    };
    setBusy(true);
    try {
      if (service === null) {
        let createdId: { id: string; version: number } | null = null;
        const ok = await act(t('addedService', { name: next.name }), 'service', undefined, async (key) => {
          const result = await createService(key, next);
          createdId = { id: result.row.id, version: result.row.version };
          return result;
        });
        if (!ok) return;
        const created = createdId as { id: string; version: number } | null;
        let row = created;
        if (who !== null && row !== null) {
          const current = row;
          const ok = await act(t('choseWhoDoes', { name: next.name }), 'service', current.id, async (key) => {
            const result = await setSkills(key, current, who);
            row = { id: current.id, version: result.row.version };
            return result;
          });
          if (!ok) return;
        }
        const latest = row as { id: string; version: number } | null;
        if (usesChanged && latest !== null && !(await act(stockWords('service.saved', { name: next.name }), 'service', latest.id, (key) => setProducts(key, latest, uses)))) return;
      } else {
        const changes = Object.fromEntries(Object.entries(next).filter(([field, value]) => JSON.stringify(start[field as keyof ServiceFields]) !== JSON.stringify(value))) as Partial<ServiceFields>;
        let version = service.version;
        if (Object.keys(changes).length > 0) {
          const ok = await act(t('changed2', { name: next.name }), 'service', service.id, async (key) => {
            const result = await updateService(key, service, changes);
            version = result.row.version;
            return result;
          });
          if (!ok) return;
        }
        if (!sameSkills(who, service.performedBy)) {
          const ok = await act(t('choseWhoDoes', { name: next.name }), 'service', service.id, async (key) => {
            const result = await setSkills(key, { id: service.id, version }, who);
            version = result.row.version;
            return result;
          });
          if (!ok) return;
        }
        if (usesChanged && !(await act(stockWords('service.saved', { name: next.name }), 'service', service.id, (key) => setProducts(key, { id: service.id, version }, uses)))) return;
      }
      props.onClose();
    } finally {
      setBusy(false);
    }
  };

  const field = (id: string, path: string) => ({ id, message: errorAt(path) });
  const nameError = field('svc-name-error', 'name');
  const categoryError = field('svc-category-error', 'category');
  const colourError = field('svc-colour-error', 'colour');
  const durationError = field('svc-duration-error', 'durationMin');
  const beforeError = field('svc-before-error', 'bufferBeforeMin');
  const afterError = field('svc-after-error', 'bufferAfterMin');
  const priceError = { id: 'svc-price-error', message: priceProblem ?? errorAt('priceCents') };
  const skillsError = { id: 'svc-skills-error', message: skillProblem ?? errorAt('performedBy') };
  const disabled = locked || busy;

  return (
    <Dialog title={title} onClose={props.onClose} wide>
      <SubmitForm className="form" noValidate onSubmit={save}>
        <div className="row">
          <TextField label={t('name')} value={name} onChange={setName} error={nameError} />
          <TextField label={t('categoryOptional')} value={category} placeholder={t('eGCuts')} onChange={setCategory} error={categoryError} />
          <div className="colour-field">
            <span className="label-text">{t('colourOnTheSchedule')}</span>
            <span className="inline">
              <CheckField label={t('ownColour')} checked={hasColour} onChange={setHasColour} />
              <input
                type="color"
                aria-label={t('colour')}
                value={colour}
                disabled={!hasColour}
                onChange={(event) => setColour(event.target.value)}
                {...describedBy(colourError.id, colourError.message)}
              />
            </span>
            <FieldError {...colourError} />
          </div>
        </div>
        <div className="row">
          <TextField label={t('durationMin')} type="number" inputMode="numeric" value={duration} onChange={setDuration} error={durationError} />
          <TextField label={t('bufferBeforeMin')} type="number" inputMode="numeric" value={before} onChange={setBefore} error={beforeError} />
          <TextField label={t('bufferAfterMin')} type="number" inputMode="numeric" value={after} onChange={setAfter} error={afterError} />
          <TextField label={t('price2')} inputMode="decimal" value={price} placeholder={t('noPrice')} onChange={setPrice} error={priceError} />
        </div>
        <p className="muted">{t('theBuffersKeepTheStaff')}</p>
        <CheckField label={t('needsAPatchTestA')} checked={needsPatchTest} onChange={setNeedsPatchTest} />
        <fieldset>
          <legend>{tForms('serviceForms')}</legend>
          {forms.length === 0 ? <p className="muted">{tForms('serviceFormsNone')}</p> : null}
          {forms.map((form) => (
            <CheckField
              key={form.id}
              label={form.name}
              checked={formIds.includes(form.id)}
              onChange={(checked) => setFormIds(checked ? [...formIds, form.id] : formIds.filter((id) => id !== form.id))}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('whoDoesThisService')}</legend>
          <div className="row">
            <label className="choice">
              <input type="radio" name="svc-who" checked={everyone} onChange={() => setEveryone(true)} />
              {t('everyoneOnTheStaff')}
            </label>
            <label className="choice">
              <input type="radio" name="svc-who" checked={!everyone} onChange={() => setEveryone(false)} />
              {t('onlyThePeopleTicked')}
            </label>
          </div>
          {!everyone ? (
            <table className="table skills">
              <thead>
                <tr>
                  <th scope="col">{t('doesIt')}</th>
                  <th scope="col">{t('ownDurationMin')}</th>
                  <th scope="col">{t('ownPrice')}</th>
                </tr>
              </thead>
              <tbody>
                {staff.map((member) => {
                  const draft = skills[member.id] ?? { on: false, durationMin: '', price: '' };
                  const set = (patch: Partial<SkillDraft>) => setSkillDrafts({ ...skills, [member.id]: { ...draft, ...patch } });
                  return (
                    <tr key={member.id}>
                      <td>
                        <CheckField label={member.name} checked={draft.on} onChange={(on) => set({ on })} />
                      </td>
                      <td>
                        <input
                          type="number"
                          inputMode="numeric"
                          aria-label={t('sOwnDurationMin', { name: member.name })}
                          placeholder={t('usual', { duration })}
                          value={draft.durationMin}
                          disabled={!draft.on}
                          onChange={(event) => set({ durationMin: event.target.value })}
                        />
                      </td>
                      <td>
                        <input
                          inputMode="decimal"
                          aria-label={t('sOwnPrice', { name: member.name })}
                          placeholder={price === '' ? t('noPrice') : t('usual2', { price })}
                          value={draft.price}
                          disabled={!draft.on}
                          onChange={(event) => set({ price: event.target.value })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p className="muted">{t('anyoneWorkingCanBeBooked')}</p>
          )}
          <FieldError {...skillsError} />
        </fieldset>
        <ProductLines legend={stockWords('service.products')} testId="service-products" value={uses} onChange={setUses} disabled={disabled} />
        {notice}
        <FormFooter
          backLabel={t('cancel')}
          onBack={props.onClose}
          plainBack
          submitLabel={service === null ? t('addService') : t('saveService')}
          disabled={disabled}
        />
      </SubmitForm>
    </Dialog>
  );
}
