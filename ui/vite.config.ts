import { defineConfig } from 'vite';

// The Maven build runs `npm run build`; the output lands in the ui jar's static/ folder, which the engine serves.
export default defineConfig({
  // esbuild compiles the JSX itself; the React plugin would only add fast refresh, and it will not install everywhere.
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    // The BPMN modeler (bpmn-js with its properties panel) is one ~800 kB chunk, loaded only on the model editor.
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev` proxies the API to a platform started with the README's run command.
    proxy: { '/api': 'http://127.0.0.1:8080', '/logout': 'http://127.0.0.1:8080' },
  },
});
