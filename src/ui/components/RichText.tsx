import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { parseInline } from '../../text/inline.js';
import { theme, tint } from '../theme.js';
import { Prose } from './Prose.js';

type Props = {
  /** Deck text (already sanitised at load): `**bold**`, `*italic*`, `` `code` ``, fenced blocks. */
  readonly text: string;
  readonly bold?: boolean;
  /** Drawn in the muted colour (an explanation under the answer); code keeps its own. */
  readonly muted?: boolean;
};

/** Card text with its Markdown-ish formatting drawn; code blocks boxed off from the prose. */
export function RichText({ text, bold = false, muted = false }: Props) {
  const blocks = useMemo(() => parseInline(text), [text]);
  return (
    <Box flexDirection="column">
      {blocks.map((block, b) =>
        block.type === 'code' ? (
          <Box key={b} borderStyle="single" borderColor={theme.muted} paddingX={1}>
            <Text color={theme.code}>{block.text}</Text>
          </Box>
        ) : (
          <Box key={b} flexDirection="column">
            {block.lines.map((spans, l) => (
              <Prose key={l} bold={bold}>
                {spans.map((s, i) => (
                  <Text
                    key={i}
                    bold={bold || s.bold === true}
                    italic={s.italic === true}
                    {...tint(s.code ? theme.code : muted ? theme.muted : undefined)}
                  >
                    {s.text}
                  </Text>
                ))}
              </Prose>
            ))}
          </Box>
        ),
      )}
    </Box>
  );
}
