import { memo } from 'react';
import type { PlatformRole } from '../../../electron/core/contract';
import type { ActualRole } from './fleetRows';

/** The role the inventory expects, and what replication says when it differs or is not known yet. */
export const RoleText = memo(function RoleText({ expected, actual, mismatch }: { expected: PlatformRole; actual: ActualRole | null; mismatch: boolean }) {
  if (mismatch && actual) {
    return (
      <div className="fc-two" title={`Expected ${expected}, replication says ${actual}`}>
        <div className="fc-line fc-warning">is {actual}</div>
        <div className="fc-line fc-sub">expected {expected}</div>
      </div>
    );
  }
  if (!actual) {
    return (
      <div className="fc-two" title={`Expected ${expected}; replication not read yet`}>
        <div className="fc-line">{expected}</div>
        <div className="fc-line fc-sub">not read yet</div>
      </div>
    );
  }
  return <span className="fc-line">{expected}</span>;
});
