/**
 * Step 3: the components the reader places (checkboxes with each one's role) and the architecture
 * diagram drawn live from them and the mechanism choices (`architectureDiagram`). Renders only.
 */
import { architectureDiagram } from '../../design/diagram.ts';
import type { ComponentId } from '../../design/ids.ts';
import { Inline } from '../quiz/Inline.tsx';
import { ArchitectureDiagram } from './ArchitectureDiagram.tsx';
import type { StepProps } from './types.ts';

export function ArchitectureStep({ exercise, work, act }: StepProps) {
  const labels: Partial<Record<ComponentId, string>> = Object.fromEntries(exercise.components.map((c) => [c.id, c.label]));
  const { code, alt } = architectureDiagram(work.components, work.mechanisms, labels);
  return (
    <div className="cl-design__body">
      <fieldset className="cl-design__group">
        <legend>Components in your architecture</legend>
        <ul className="cl-design__checks">
          {exercise.components.map((c) => (
            <li key={c.id}>
              <label className="cl-design__check" data-component={c.id}>
                <input type="checkbox" checked={work.components.includes(c.id)} onChange={(e) => act({ type: 'component', id: c.id, on: e.currentTarget.checked })} />
                <span>
                  <strong>{c.label}</strong>
                  <span className="cl-design__role">
                    <Inline text={c.role} />
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <p className="cl-design__small" role="status">
        {work.components.length} of {exercise.components.length} components placed.
      </p>
      {work.components.length > 0 ? (
        <ArchitectureDiagram code={code} alt={alt} />
      ) : (
        <p className="cl-design__empty">Tick a component to start the diagram.</p>
      )}
    </div>
  );
}
