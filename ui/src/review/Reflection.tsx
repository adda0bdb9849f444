// The learner's reflection: each question with their answer (Markdown, sanitised).
import { Markdown } from '../components/Markdown';
import type { ReflectionAnswer } from './types';

export function Reflection({ answers }: { answers: ReflectionAnswer[] }) {
  return (
    <dl className="reflection">
      {answers.map((item, i) => (
        <div key={i}>
          <dt>{item.question}</dt>
          <dd><Markdown text={item.answer} /></dd>
        </div>
      ))}
    </dl>
  );
}
