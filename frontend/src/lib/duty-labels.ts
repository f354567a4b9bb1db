// Words for the codes of the duties pages (discipline kinds, leave kinds and statuses, organiser levels).
type Labels = Record<string, [string, string]>;

export const DISCIPLINE_KINDS: Labels = {
  party_warning: ['党纪警告/严重警告', 'Party warning'],
  party_post_revoked: ['撤销党内职务', 'Party post revoked'],
  party_probation: ['留党察看', 'Party probation'],
  expelled_from_party: ['开除党籍', 'Expelled from the party'],
  gov_minor: ['政务警告/记过/记大过/降级', 'Minor government sanction'],
  gov_dismissal: ['撤职', 'Dismissal from office'],
  gov_expulsion: ['开除（政务处分）', 'Expulsion (government sanction)'],
  serious_violation: ['严重违纪违法行为', 'Serious violation'],
  criminal_liability: ['被依法追究刑事责任', 'Criminal liability'],
  sentenced: ['被判处刑罚', 'Sentenced'],
};

export const LEAVE_KINDS: Labels = {
  annual: ['年休假', 'Annual leave'],
  sick: ['病假', 'Sick leave'],
  personal: ['事假', 'Personal leave'],
  marriage: ['婚假', 'Marriage leave'],
  bereavement: ['丧假', 'Bereavement leave'],
  maternity: ['产假', 'Maternity leave'],
  other: ['其他', 'Other'],
};

export const LEAVE_STATUSES: Labels = {
  pending: ['待审批', 'Pending'],
  approved: ['已批准', 'Approved'],
  rejected: ['已驳回', 'Rejected'],
};

export const SPLIT_LEVELS: Labels = {
  province: ['自治区级', 'Region (province) level'],
  city: ['市级', 'City level'],
  county: ['县（区）级', 'County level'],
};
