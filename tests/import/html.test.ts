import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/import/html.js';

describe('Anki field HTML to card text', () => {
  it.each([
    ['<b>bold</b> and <i>italic</i> and <code>x</code>', '**bold** and *italic* and `x`'],
    ['one<br>two<br/>three', 'one\ntwo\nthree'],
    ['<div>first</div><div>second</div>', 'first\nsecond'],
    ['<ul><li>a</li><li>b</li></ul>', '- a\n- b'],
    ['caf&eacute; &amp; &lt;tag&gt; &#x263A; &nbsp;x', 'café & <tag> ☺ x'],
    ['  lots   of\n   space  ', 'lots of space'],
    ['<img src="hola.png"> and <img src=\'a b.jpg\'>', '[image: hola.png] and [image: a b.jpg]'],
    ['say [sound:hola.mp3]', 'say [sound: hola.mp3]'],
    [
      '\\(x^2\\) and \\[y\\] and [latex]z[/latex] and [$]w[/$]',
      '[math: x^2] and [math: y] and [latex: z] and [latex: w]',
    ],
    ['2 * 3 = `6` and a_b but _c_', '2 \\* 3 = \\`6\\` and a_b but \\_c\\_'],
    ['<pre>  indented\n  code</pre>', '```\n  indented\n  code\n```'],
  ])('%j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('drops scripts and styles with their content, and every other tag', () => {
    expect(
      htmlToText('a<script>alert("x")</script><style>p{}</style><span class="x">b</span>'),
    ).toBe('ab');
  });

  it('renders terminal escapes inert, whether raw or written as entities', () => {
    expect(htmlToText('red\x1b[31m text\x07 &#27;[2J end')).toBe('red text end');
  });

  it('keeps text as typed for typed answers (no Markdown escapes or marks)', () => {
    expect(htmlToText('<b>next_page_token</b> *', { plain: true })).toBe('next_page_token *');
  });
});
