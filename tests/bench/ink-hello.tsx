// The Ink floor for the benchmark: the smallest Ink app, bundled the way dist/ is.
import { render, Text } from 'ink';

const app = render(<Text>hello from ink</Text>);
setTimeout(() => app.unmount(), 5000);
