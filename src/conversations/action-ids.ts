/** Button action ids, shared with manifest.yaml and the Teams card handlers. Never rename one in use: old cards carry it. */
export const ACTION_IDS = {
  startRequest: 'policy_desk.start_request',
  showMyRequests: 'policy_desk.my_requests',
  showHelp: 'policy_desk.help',
  continueDraft: 'policy_desk.draft_continue',
  discardDraft: 'policy_desk.draft_discard',
  chooseAnswer: 'policy_desk.form_choice',
  skipField: 'policy_desk.form_skip',
  submitForm: 'policy_desk.form_submit',
  editForm: 'policy_desk.form_edit',
  cancelForm: 'policy_desk.form_cancel',
  approve: 'policy_desk.approve',
  reject: 'policy_desk.reject',
  requestChanges: 'policy_desk.request_changes',
  resubmit: 'policy_desk.resubmit',
  withdraw: 'policy_desk.withdraw',
} as const;

export const ALL_ACTION_IDS: readonly string[] = Object.values(ACTION_IDS);
