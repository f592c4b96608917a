import type { ReactNode } from 'react';

/**
 * A panel of a screen (a settings section, a part of the Recovery Center): a card named by its
 * heading for a screen reader, with `intro`, the muted sentence saying what the panel is for, under
 * the heading. `level` 3 for a panel inside a section that already has an h2.
 */
export function Panel(props: {
  titleId: string;
  title: ReactNode;
  level?: 2 | 3;
  intro?: ReactNode;
  testId?: string;
  children?: ReactNode;
}) {
  const Heading = props.level === 3 ? 'h3' : 'h2';
  return (
    <section className="panel" aria-labelledby={props.titleId} data-testid={props.testId}>
      <Heading id={props.titleId}>{props.title}</Heading>
      {props.intro === undefined ? null : <p className="muted">{props.intro}</p>}
      {props.children}
    </section>
  );
}
