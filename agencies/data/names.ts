/**
 * Word lists for synthetic people, places and companies. Names are assembled from common
 * characters, so any resemblance to a real person is chance; companies use made-up brand words.
 */

/** Surnames weighted roughly by how common they are in Fujian (陈 and 林 lead). */
export const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['陈', 12], ['林', 11], ['黄', 7], ['张', 5], ['吴', 5], ['王', 4], ['李', 4], ['郑', 4], ['刘', 3],
  ['杨', 3], ['许', 3], ['蔡', 3], ['洪', 2], ['郭', 2], ['曾', 2], ['谢', 2], ['庄', 2], ['苏', 2],
  ['叶', 2], ['周', 2], ['游', 1], ['江', 1], ['何', 1], ['方', 1], ['施', 1], ['傅', 1], ['罗', 1],
  ['肖', 1], ['彭', 1], ['邱', 1], ['余', 1], ['卢', 1], ['朱', 1], ['高', 1], ['杜', 1], ['欧阳', 0.3],
];

export const GIVEN_NAME_CHARACTERS = {
  MALE: ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '辉', '鹏', '华', '建', '志', '文', '俊', '晨', '宇', '浩', '峰', '凯', '彬', '毅', '阳', '东', '海', '荣', '锋', '振'],
  FEMALE: ['丽', '芳', '敏', '静', '燕', '娟', '婷', '霞', '玲', '琳', '慧', '颖', '雪', '洁', '倩', '萍', '蓉', '怡', '欣', '雅', '佳', '莹', '琴', '岚', '晓', '梅', '璐', '楠', '悦', '妍'],
} as const;

export const ROADS = [
  '五四路', '湖东路', '六一路', '华林路', '工业路', '江滨大道', '南京路', '福新路', '湖滨南路', '嘉禾路',
  '仙岳路', '环岛路', '刺桐路', '泉秀路', '丰泽街', '胜利路', '建元路', '新华路', '人民路', '中山路',
  '解放路', '滨江路', '长安路', '世纪大道', '文化路', '学府路', '东环路', '西环路', '北大路', '金山大道',
] as const;

/** Made-up brand words for estates, developers and employers. */
export const BRAND_WORDS = [
  '瑞景', '泰和', '鸿远', '宏盛', '嘉禾', '润泽', '锦程', '华庭', '溪源', '海悦', '榕晟', '闽辉', '山湖', '云澜',
  '鹭江', '清源', '桐林', '九龙', '丹霞', '汀溪', '东湖', '星河', '青榕', '晴川', '澜山', '远洋湾', '金沙', '翠屏',
] as const;

export const ESTATE_SUFFIXES = ['花园', '苑', '府', '公馆', '雅居', '新城', '华府', '湾'] as const;

export const EMPLOYER_TRADES = [
  '科技有限公司', '电子有限公司', '贸易有限公司', '物流有限公司', '机械有限公司', '食品有限公司', '纺织有限公司',
  '建设工程有限公司', '医药有限公司', '信息技术有限公司',
] as const;

/** Public bodies and institutions an HPF account may be held through (employers). */
export const PUBLIC_EMPLOYERS = ['人民医院', '第一中学', '实验小学', '自然资源局', '市场监督管理局', '税务局', '供电公司'] as const;

/** Lenders that appear as mortgagees and as institutions in credit query records. */
export const BANKS = [
  '中国工商银行', '中国建设银行', '中国农业银行', '中国银行', '交通银行', '兴业银行', '招商银行', '福建海峡银行',
] as const;

export const MOBILE_PREFIXES = [
  '133', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '181', '186', '187',
  '188', '189', '199',
] as const;
