/**
 * Fujian's prefecture-level cities and their counties (GB/T 2260 codes as of the 2021 Sanming and
 * 2021 Zhangzhou boundary changes), with the housing provident fund centre that serves each city.
 * Price levels are rough synthetic figures for the generator, not market data.
 */
export interface FujianCity {
  /** First 4 digits of every county code in the city. */
  prefix: string;
  name: string;
  /** The HPF centre's name as it styles itself. */
  centreName: string;
  /** Synthetic price band per square metre, in yuan. */
  pricePerSquareMetre: readonly [number, number];
  /** How often the generator picks this city, relative to the others. */
  weight: number;
}

export interface FujianCounty {
  code: string;
  name: string;
  city: FujianCity;
}

export const FUJIAN_CITIES: readonly FujianCity[] = [
  { prefix: '3501', name: '福州', centreName: '福州住房公积金中心', pricePerSquareMetre: [18000, 38000], weight: 26 },
  { prefix: '3502', name: '厦门', centreName: '厦门市住房公积金中心', pricePerSquareMetre: [30000, 60000], weight: 20 },
  { prefix: '3503', name: '莆田', centreName: '莆田市住房公积金中心', pricePerSquareMetre: [11000, 18000], weight: 6 },
  { prefix: '3504', name: '三明', centreName: '三明市住房公积金中心', pricePerSquareMetre: [8000, 13000], weight: 4 },
  { prefix: '3505', name: '泉州', centreName: '泉州市住房公积金中心', pricePerSquareMetre: [12000, 22000], weight: 18 },
  { prefix: '3506', name: '漳州', centreName: '漳州市住房公积金中心', pricePerSquareMetre: [10000, 17000], weight: 10 },
  { prefix: '3507', name: '南平', centreName: '南平市住房公积金中心', pricePerSquareMetre: [7000, 12000], weight: 4 },
  { prefix: '3508', name: '龙岩', centreName: '龙岩市住房公积金中心', pricePerSquareMetre: [8000, 13000], weight: 6 },
  { prefix: '3509', name: '宁德', centreName: '宁德市住房公积金中心', pricePerSquareMetre: [9000, 15000], weight: 6 },
];

const COUNTY_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['350102', '鼓楼区'], ['350103', '台江区'], ['350104', '仓山区'], ['350105', '马尾区'], ['350111', '晋安区'],
  ['350112', '长乐区'], ['350121', '闽侯县'], ['350122', '连江县'], ['350123', '罗源县'], ['350124', '闽清县'],
  ['350125', '永泰县'], ['350128', '平潭县'], ['350181', '福清市'],
  ['350203', '思明区'], ['350205', '海沧区'], ['350206', '湖里区'], ['350211', '集美区'], ['350212', '同安区'],
  ['350213', '翔安区'],
  ['350302', '城厢区'], ['350303', '涵江区'], ['350304', '荔城区'], ['350305', '秀屿区'], ['350322', '仙游县'],
  ['350404', '三元区'], ['350405', '沙县区'], ['350421', '明溪县'], ['350481', '永安市'],
  ['350502', '鲤城区'], ['350503', '丰泽区'], ['350504', '洛江区'], ['350505', '泉港区'], ['350521', '惠安县'],
  ['350524', '安溪县'], ['350525', '永春县'], ['350526', '德化县'], ['350581', '石狮市'], ['350582', '晋江市'],
  ['350583', '南安市'],
  ['350602', '芗城区'], ['350603', '龙文区'], ['350604', '龙海区'], ['350605', '长泰区'], ['350622', '云霄县'],
  ['350623', '漳浦县'], ['350624', '诏安县'], ['350626', '东山县'], ['350627', '南靖县'], ['350628', '平和县'],
  ['350629', '华安县'],
  ['350702', '延平区'], ['350703', '建阳区'], ['350781', '邵武市'], ['350782', '武夷山市'], ['350783', '建瓯市'],
  ['350802', '新罗区'], ['350803', '永定区'], ['350821', '长汀县'], ['350824', '武平县'], ['350825', '连城县'],
  ['350881', '漳平市'],
  ['350902', '蕉城区'], ['350921', '霞浦县'], ['350922', '古田县'], ['350981', '福安市'], ['350982', '福鼎市'],
];

export const FUJIAN_COUNTIES: readonly FujianCounty[] = COUNTY_NAMES.map(([code, name]) => ({
  code,
  name,
  city: cityOfPrefix(code.slice(0, 4)),
}));

const COUNTY_BY_CODE = new Map(FUJIAN_COUNTIES.map((county) => [county.code, county]));

function cityOfPrefix(prefix: string): FujianCity {
  const city = FUJIAN_CITIES.find((c) => c.prefix === prefix);
  if (!city) throw new Error(`no Fujian city with prefix ${prefix}`);
  return city;
}

export function countyOf(code: string): FujianCounty {
  const county = COUNTY_BY_CODE.get(code);
  if (!county) throw new Error(`unknown Fujian county code ${code}`);
  return county;
}

export function countiesOf(city: FujianCity): FujianCounty[] {
  return FUJIAN_COUNTIES.filter((county) => county.city === city);
}

/** The city's own region code (e.g. 350100), which is also the code of its HPF centre. */
export function cityCodeOf(city: FujianCity): string {
  return `${city.prefix}00`;
}

/** "福州市鼓楼区": the way an address or a registration office names a county. */
export function placeName(county: FujianCounty): string {
  return `${county.city.name}市${county.name}`;
}
