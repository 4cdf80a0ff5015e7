import { nodeSpecs, categories } from '../../shared/nodes';

/** Placeholder shell until the editor issue: lists the node types the registry provides. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>Backprop Studio</h1>
      <p>The canvas editor arrives with the editor issue. Node types available to it:</p>
      {categories.map((c) => (
        <section key={c.id}>
          <h2>{c.label}</h2>
          <ul>
            {Object.values(nodeSpecs)
              .filter((s) => s.category === c.id)
              .map((s) => (
                <li key={s.type}>{s.label}</li>
              ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
