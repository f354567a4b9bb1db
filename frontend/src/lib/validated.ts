import type { FormInstance } from 'antd';

/** What antd's validateFields rejects with when a rule fails: the form already shows the messages. */
function isValidationFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && Array.isArray((error as { errorFields?: unknown }).errorFields);
}

/**
 * The form's values when every rule passes, else null. A failed rule rejects `validateFields()`; a modal's onOk
 * that awaited it without a catch left an unhandled promise rejection (the browser's "Uncaught (in promise)"),
 * though the form already shows what is missing next to each field.
 */
export async function validated<T>(form: Pick<FormInstance<T>, 'validateFields'>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch (error) {
    if (isValidationFailure(error)) return null;
    throw error;
  }
}
