/**
 * A minimal one-page PDF of text lines, enough to stand in for an electronic certificate. Chinese
 * text uses the non-embedded Adobe-GB1 font STSong-Light with UCS-2 encoding, which PDF readers
 * supply themselves, so the file stays small and needs no font data.
 */

const PAGE_WIDTH = 595; // A4 in points
const PAGE_HEIGHT = 842;

export function textPdf(title: string, lines: readonly string[]): Buffer {
  const content = [
    'BT',
    '/F1 18 Tf',
    `72 ${PAGE_HEIGHT - 96} Td`,
    `<${ucs2Hex(title)}> Tj`,
    '/F1 11 Tf',
    '0 -20 TL',
    'T*',
    ...lines.flatMap((line) => ['T*', `<${ucs2Hex(line)}> Tj`]),
    'ET',
  ].join('\n');

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 6 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];

  // Every byte below is ASCII, so string lengths are byte offsets for the cross-reference table.
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Text as UTF-16BE hex; characters beyond the BMP are dropped, as UCS-2 cannot carry them. */
function ucs2Hex(text: string): string {
  return [...text]
    .filter((c) => c.codePointAt(0)! <= 0xffff)
    .map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'))
    .join('');
}
