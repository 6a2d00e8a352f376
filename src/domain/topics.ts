// Topic areas CE counts toward (ASCP CMP content areas, Florida's required
// topics and licensed categories, California specialties), and the kinds of
// CE a learner enters by hand. An activity's policy lists its topic areas; a
// requirement's minimum names the areas that count for it.
import { CALIFORNIA_SPECIALTIES, FLORIDA_CATEGORIES } from './profile.js';

/** Areas of no licence's own: ASCP content areas and Florida's required topics. */
const GENERAL_AREAS = [
  'blood_banking',
  'immunology',
  'molecular_diagnostics',
  'urinalysis_body_fluids',
  'safety',
  'ethics',
  'management',
  'education',
  'hiv_aids',
  'medical_errors',
  'florida_laws_rules',
  'phlebotomy',
] as const;
export type TopicArea =
  | (typeof GENERAL_AREAS)[number]
  | (typeof FLORIDA_CATEGORIES)[number]
  | (typeof CALIFORNIA_SPECIALTIES)[number];

/** Every topic area: the general ones, Florida's licensed categories and California's specialties. */
export const TOPIC_AREAS = [
  ...new Set<TopicArea>([...GENERAL_AREAS, ...FLORIDA_CATEGORIES, ...CALIFORNIA_SPECIALTIES]),
] as [TopicArea, ...TopicArea[]];

export const TOPIC_LABELS: Record<TopicArea, string> = {
  blood_banking: 'Blood banking',
  chemistry: 'Chemistry',
  hematology: 'Hematology',
  microbiology: 'Microbiology',
  immunology: 'Immunology',
  molecular_diagnostics: 'Molecular diagnostics',
  urinalysis_body_fluids: 'Urinalysis and body fluids',
  safety: 'Laboratory or patient safety',
  ethics: 'Ethics',
  management: 'Laboratory management',
  education: 'Education',
  hiv_aids: 'HIV/AIDS',
  medical_errors: 'Preventing medical errors',
  florida_laws_rules: 'Florida laws and rules',
  serology_immunology: 'Serology/immunology',
  immunohematology: 'Immunohematology',
  histology: 'Histology',
  cytology: 'Cytology',
  molecular_pathology: 'Molecular pathology',
  cytogenetics: 'Cytogenetics',
  histocompatibility: 'Histocompatibility',
  andrology: 'Andrology',
  embryology: 'Embryology',
  toxicology: 'Toxicology',
  genetic_molecular_biology: 'Genetic molecular biology',
  phlebotomy: 'Phlebotomy',
};

export const isTopicArea = (s: string): s is TopicArea => (TOPIC_AREAS as readonly string[]).includes(s);

/** The same field under another board's name: a licensed category is met by either. */
const SAME_FIELD: Partial<Record<TopicArea, TopicArea[]>> = {
  immunohematology: ['blood_banking'],
  blood_banking: ['immunohematology'],
  serology_immunology: ['immunology'],
  immunology: ['serology_immunology'],
  molecular_pathology: ['molecular_diagnostics', 'genetic_molecular_biology'],
  genetic_molecular_biology: ['molecular_diagnostics', 'molecular_pathology'],
};

/** The topic areas that count for a licensed category (Florida) or specialty. */
export function topicsForCategory(category: string | null | undefined): TopicArea[] {
  if (!category || !isTopicArea(category)) return [];
  return [category, ...(SAME_FIELD[category] ?? [])];
}

/**
 * A legacy designation's free-text topic area ("Microbiology", "blood banking")
 * as a topic area, when it names one.
 */
export function topicFromText(text: string | undefined): TopicArea | undefined {
  const slug = (text ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s/-]+/g, '_');
  return isTopicArea(slug) ? slug : undefined;
}

/** CE from elsewhere, as the learner enters it (ASCP CMP accepts each). */
export const ENTRY_KINDS = ['course', 'authoring', 'committee_service', 'presentation', 'academic'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  course: 'Course or conference',
  authoring: 'Authoring (article, chapter)',
  committee_service: 'Committee service',
  presentation: 'Presentation',
  academic: 'Academic course (college credit)',
};

/** Staff review of an entry: counted while submitted, marked verified, or sent back for more evidence. */
export const ENTRY_STATUSES = ['submitted', 'verified', 'needs_more'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
